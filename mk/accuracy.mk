# Agreement of the classifier with the labels of the bounce corpus kept in
# the repository (testdata/corpus): per format, overall, and every
# disagreement. HOLDOUT=4 restricts it to every 4th file of each format.
CORPUS  ?= testdata/corpus
HOLDOUT ?= 0

accuracy:
	$(GO) run ./internal/accuracy/run -corpus $(CORPUS) -holdout $(HOLDOUT)

# The accuracy floors, the golden corpus and the nasty-input tests.
.PHONY: test-accuracy
test-accuracy:
	$(GO) test -run 'TestAccuracyFloors' ./internal/accuracy
	$(GO) test -run 'TestGolden|TestNastyInput|TestRecipientsInOrder|TestUnseen' .

TESTS += test-accuracy

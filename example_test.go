package bounce_test

import (
	"fmt"
	"strings"

	"github.com/bouncekit/bounce"
)

func ExampleParse() {
	reply := "550-5.1.1 The email account that you tried to reach does not exist. Please try\n" +
		"550-5.1.1 double-checking the recipient's email address for typos or\n" +
		"550-5.1.1 unnecessary spaces. Learn more at\n" +
		"550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2si123 - gsmtp\n"
	rep, err := bounce.Parse(strings.NewReader(reply))
	if err != nil {
		panic(err)
	}
	r := rep.Recipients[0]
	fmt.Println(rep.Kind, r.ReplyCode, r.Status, r.Class, r.Reason)
	fmt.Println(r.Match.Provider, r.Match.By)
	// Output:
	// reply 550 5.1.1 permanent userunknown
	// google text
}

func ExampleParseString_unknown() {
	rep, _ := bounce.ParseString("599 9.9.9 Something nobody has ever seen")
	fmt.Println(len(rep.Recipients), rep.Recipients[0].Reason, rep.Recipients[0].Class)
	rep, _ = bounce.ParseString("Lunch at noon?")
	fmt.Println(rep.Kind, len(rep.Recipients))
	// Output:
	// 1 undefined permanent
	// not-bounce 0
}

func ExampleStatus() {
	st, ok := bounce.ParseStatus("4.7.28")
	fmt.Println(st, ok, st == bounce.Status{4, 7, 28})
	// Output: 4.7.28 true true
}

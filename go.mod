module github.com/bouncekit/bounce

go 1.26

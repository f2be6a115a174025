package bounce

import (
	"errors"
	"strconv"
)

// Status is an RFC 3463 enhanced status code: class, subject and detail.
// The zero Status means "absent".
type Status [3]int

// String returns the code as "5.1.1", or "" for the zero Status.
func (s Status) String() string {
	if s.IsZero() {
		return ""
	}
	return strconv.Itoa(s[0]) + "." + strconv.Itoa(s[1]) + "." + strconv.Itoa(s[2])
}

// IsZero reports whether s is absent.
func (s Status) IsZero() bool { return s == Status{} }

// Valid reports whether s is a well-formed code: class 2, 4 or 5, subject
// and detail from 0 to 999.
func (s Status) Valid() bool {
	return (s[0] == 2 || s[0] == 4 || s[0] == 5) && s[1] >= 0 && s[1] < 1000 && s[2] >= 0 && s[2] < 1000
}

// ParseStatus parses "5.1.1". It returns false for anything else.
func ParseStatus(str string) (Status, bool) {
	var s Status
	n, ok := scanStatus(str, 0, &s)
	return s, ok && n == len(str)
}

// scanStatus reads a code "c.s.d" at str[i:] and returns the index after it.
// The class must be 2, 4 or 5 and the subject and detail one to three digits.
func scanStatus(str string, i int, s *Status) (int, bool) {
	if i >= len(str) || (str[i] != '2' && str[i] != '4' && str[i] != '5') {
		return i, false
	}
	s[0] = int(str[i] - '0')
	i++
	for part := 1; part <= 2; part++ {
		if i >= len(str) || str[i] != '.' {
			return i, false
		}
		i++
		start := i
		v := 0
		for i < len(str) && str[i] >= '0' && str[i] <= '9' && i-start < 3 {
			v = v*10 + int(str[i]-'0')
			i++
		}
		if i == start || (i < len(str) && str[i] >= '0' && str[i] <= '9') {
			return i, false
		}
		s[part] = v
	}
	return i, true
}

// MarshalJSON writes the code as a string, "" when absent.
func (s Status) MarshalJSON() ([]byte, error) { return appendString(nil, s.String()), nil }

// UnmarshalJSON reads a code written by MarshalJSON.
func (s *Status) UnmarshalJSON(b []byte) error {
	str, err := strconv.Unquote(string(b))
	if err != nil || len(b) == 0 || b[0] != '"' {
		return errors.New("bounce: status code must be a JSON string")
	}
	if str == "" {
		*s = Status{}
		return nil
	}
	v, ok := ParseStatus(str)
	if !ok {
		return errors.New("bounce: bad status code " + strconv.Quote(str))
	}
	*s = v
	return nil
}

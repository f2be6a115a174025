package bounce

import "strings"

// formatSigns maps wording and header fields that MTAs and providers put in
// their bounces to a format name. The first sign found decides. Signs are
// compared in lower case against "field: value" header lines and the text.
var formatSigns = []struct{ sign, format string }{
	{"groups.google.com", "googlegroups"},
	{"@googlegroups.com", "googlegroups"},
	{"x-postfix-queue-id", "postfix"},
	{"the postfix program", "postfix"},
	{"this is the mail system at host", "postfix"},
	{"x-failed-recipients:", "exim"},
	{"this message was created automatically by mail delivery software", "exim"},
	{"hi. this is the qmail-send program", "qmail"},
	{"qmail-send", "qmail"},
	{"this is the qmail", "qmail"},
	{"vpopmail", "qmail"},
	{"courier mail server", "courier"},
	{"this is the mailer-daemon, please do not reply", "opensmtpd"},
	{"opensmtpd", "opensmtpd"},
	{"dragonfly mail agent", "dragonfly"},
	{"this is the dragonfly", "dragonfly"},
	{"diagnostic information for administrators", "exchange"},
	{"remote server returned", "exchange"},
	{"delivery has failed to these recipients", "exchange"},
	{"your message did not reach some or all of the intended recipients", "exchange2003"},
	{"msexch", "exchange2003"},
	{"x-ms-exchange", "exchange"},
	{"delivery to the following recipient failed permanently", "gmail"},
	{"delivery to the following recipients failed", "gmail"},
	{"mailer-daemon@googlemail.com", "gmail"},
	{"mailer-daemon@google.com", "gmail"},
	{"google tried to deliver your message", "gmail"},
	{"x-gm-message-state", "gmail"},
	{"amazonses.com", "amazonses"},
	{"x-ses-outgoing", "amazonses"},
	{"amazonaws.com", "amazonses"},
	{"sendgrid", "sendgrid"},
	{"mailgun", "mailgun"},
	{"zoho", "zoho"},
	{"icloud.com", "apple"},
	{"me.com", "apple"},
	{"gmx", "gmx"},
	{"web.de", "gmx"},
	{"mimecast", "mimecast"},
	{"barracuda", "barracuda"},
	{"lotus", "domino"},
	{"domino", "domino"},
	{"yahoo", "yahoo"},
	{"aol.com", "aol"},
	{"outlook.com", "outlook"},
	{"hotmail", "outlook"},
	{"mail.ru", "mailru"},
	{"yandex", "yandex"},
	{"ezweb", "ezweb"},
	{"docomo", "docomo"},
	{"softbank", "softbank"},
	{"kddi", "kddi"},
	{"au.com", "kddi"},
	{"biglobe", "biglobe"},
	{"messaging server", "messagingserver"},
	{"sun java", "messagingserver"},
	{"oracle communications", "messagingserver"},
	{"powermta", "powermta"},
	{"mcafee", "mcafee"},
	{"interscan", "interscanmss"},
	{"trend micro", "interscanmss"},
	{"messagelabs", "messagelabs"},
	{"symantec", "messagelabs"},
	{"mxlogic", "mxlogic"},
	{"imail", "imailserver"},
	{"james", "apachejames"},
	{"surfcontrol", "surfcontrol"},
	{"mailmarshal", "mailmarshal"},
	{"mailfoundry", "mailfoundry"},
	{"activehunter", "activehunter"},
	{"amavis", "amavis"},
	{"----- transcript of session follows -----", "sendmail"},
	{"----- the following addresses had permanent fatal errors -----", "sendmail"},
	{"returned mail: ", "sendmail"},
	{"----- unsent message follows -----", "sendmail"},
}

// detectFormat names the software that wrote a bounce, from its header and
// text, or returns "".
func detectFormat(h header, text string) string {
	var sb strings.Builder
	for _, f := range h {
		switch f.key {
		case "from", "subject", "x-mailer", "x-failed-recipients", "x-postfix-queue-id",
			"x-ses-outgoing", "x-ms-exchange-message-is-ndr", "x-gm-message-state", "message-id",
			"x-ms-exchange-crosstenant-id", "received":
			sb.WriteString(f.key)
			sb.WriteString(": ")
			sb.WriteString(f.value)
			sb.WriteByte('\n')
		}
	}
	hl := strings.ToLower(sb.String())
	if len(text) > 16<<10 {
		text = text[:16<<10] // the signs stand near the top of a bounce
	}
	tl := strings.ToLower(text)
	for _, s := range formatSigns {
		if strings.Contains(tl, s.sign) {
			return s.format
		}
	}
	for _, s := range formatSigns {
		if strings.Contains(hl, s.sign) {
			return s.format
		}
	}
	return ""
}

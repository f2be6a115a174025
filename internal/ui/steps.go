package ui

import (
	"strings"

	"github.com/bouncekit/bounce"
)

// Step is a page that helps with a reason: a link, never a request made
// by the page.
type Step struct{ Title, URL string }

// The pages that help with the reasons that are the sender's to fix. Where
// a service has a stable page that takes the IP or the domain in its URL,
// the link goes there with the one from the bounce; otherwise to the page
// where the IP or domain is typed in. Only long-lived URLs of well-known
// services: Google's and Microsoft's own tools, Spamhaus, Cisco Talos and
// MxToolbox's long-standing SuperTool links ("action=KIND:VALUE").
var (
	stepPostmaster = Step{"Google Postmaster Tools (your domain's reputation and authentication at Gmail)", "https://postmaster.google.com/"}
	stepSNDS       = Step{"Microsoft SNDS (your IP's standing at Outlook.com)", "https://sendersupport.olc.protection.outlook.com/snds/"}
	stepMSDelist   = Step{"Microsoft delisting portal (Outlook.com, Hotmail, Live)", "https://sender.office.com/"}
	stepSpamhaus   = Step{"Spamhaus IP and domain reputation check", "https://check.spamhaus.org/"}
	stepYahoo      = Step{"Yahoo Sender Hub (requirements and error codes)", "https://senders.yahooinc.com/"}
	stepGoogleAuth = Step{"Google's sender guidelines (SPF, DKIM, DMARC)", "https://support.google.com/a/answer/81126"}
	stepDKIM       = Step{"DKIM record lookup (needs your selector)", "https://mxtoolbox.com/dkim.aspx"}
)

// lookup returns a step for one of MxToolbox's SuperTool checks: of the
// value when there is one, else the page where it is typed in.
//
//go:noinline
func lookup(title, action, value, page string) Step {
	if value == "" {
		return Step{title, "https://mxtoolbox.com/" + page}
	}
	return Step{title + " for " + value, "https://mxtoolbox.com/SuperTool.aspx?action=" + action + "%3a" + value + "&run=toolpage"}
}

//go:noinline
func stepBlocklists(ip string) Step {
	return lookup("Blocklist check (about 100 lists)", "blacklist", ip, "blacklists.aspx")
}

//go:noinline
func stepTalos(ip string) Step {
	if ip == "" {
		return Step{"Cisco Talos IP reputation", "https://talosintelligence.com/reputation_center"}
	}
	return Step{"Cisco Talos reputation of " + ip, "https://talosintelligence.com/reputation_center/lookup?search=" + ip}
}

func stepPTR(ip string) Step {
	return lookup("Reverse DNS (PTR) lookup", "ptr", ip, "ReverseLookup.aspx")
}
func stepSPF(domain string) Step {
	return lookup("SPF record check", "spf", domain, "spf.aspx")
}
func stepDMARC(domain string) Step {
	return lookup("DMARC record check", "dmarc", domain, "dmarc.aspx")
}

// NextSteps returns the pages that help with r's reason, and the IPv4
// address its server text names (the first one; the one to look up), or
// "". sender is the sending domain (see SenderDomain), "" if not known:
// the SPF and DMARC checks take it. Redacted text names no IP and no
// domain, so the links then lead to the forms, not to a lookup of a
// masked value.
func NextSteps(r *bounce.Recipient, sender string) ([]Step, string) {
	ip := ""
	if s, e := matchIPv4(r.Diagnostic, 0); s >= 0 {
		ip = r.Diagnostic[s:e]
	}
	var steps []Step
	switch r.Reason {
	case "authfailure":
		steps = []Step{stepSPF(sender), stepDMARC(sender), stepDKIM, stepGoogleAuth, stepPostmaster, stepYahoo}
	case "requireptr":
		steps = []Step{stepPTR(ip), stepGoogleAuth, stepPostmaster}
	case "badreputation":
		steps = []Step{stepBlocklists(ip), stepTalos(ip), stepSpamhaus, stepPostmaster, stepSNDS, stepYahoo}
	case "blocked":
		steps = []Step{stepBlocklists(ip), stepSpamhaus, stepTalos(ip), stepMSDelist, stepSNDS}
	case "spamdetected":
		steps = []Step{stepBlocklists(ip), stepSpamhaus, stepPostmaster, stepSNDS}
	case "ratelimited":
		steps = []Step{stepPostmaster, stepSNDS, stepYahoo}
	default:
		return nil, ""
	}
	return steps, ip
}

// SenderDomain is the domain of the bounced message's sender (its From
// address), lower-cased, or "" when the report does not give one (or it
// is masked).
func SenderDomain(rep *bounce.Report) string {
	if rep == nil || rep.Original == nil {
		return ""
	}
	from := rep.Original.From
	s, e := matchAddress(from, 0)
	if s < 0 {
		return ""
	}
	addr := from[s:e]
	d := addr[strings.LastIndexByte(addr, '@')+1:]
	if !strings.Contains(d, ".") {
		return ""
	}
	return strings.ToLower(d)
}

package server

import (
	"regexp"
)

// secretPatterns match what could carry a credential in an error's text: an IAM token's
// signature and session token (a token is a presigned URL), and password= pairs.
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(X-Amz-(?:Signature|Security-Token|Credential))=[^&\s"']+`),
	regexp.MustCompile(`(?i)(password|passwd|token|auth)=[^&\s"']+`),
}

// scrub removes credentials from an error message before it leaves the process in the deep
// check, and bounds its length.
func scrub(msg string) string {
	for _, p := range secretPatterns {
		msg = p.ReplaceAllString(msg, "$1=REDACTED")
	}
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg
}

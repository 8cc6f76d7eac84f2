package wiregen

import (
	"strings"
	"unicode"
)

// PropertyName is the schema name of a Go field: lowerCamel with acronyms as words
// (VpcID → vpcId, SubnetIDs → subnetIds, WebACLArn → webAclArn, HTTPSPort → httpsPort), as Pulumi's own schemas spell them.
func PropertyName(goName string) string {
	var b strings.Builder
	for i, w := range words(goName) {
		if i == 0 {
			b.WriteString(strings.ToLower(w))
			continue
		}
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// words splits a Go identifier at case changes, keeping an acronym together (HTTPSPort → HTTPS,
// Port) and digits with the word before them (Alarm5xx).
func words(s string) []string {
	r := []rune(s)
	var out []string
	start := 0
	for i := 1; i < len(r); i++ {
		upper := unicode.IsUpper(r[i])
		prevLower := unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1])
		// A plural acronym keeps its "s" (SubnetIDs → Subnet, IDs), unless a word follows.
		pluralAcronym := i+1 < len(r) && r[i+1] == 's' && (i+2 == len(r) || unicode.IsUpper(r[i+2]))
		nextLower := i+1 < len(r) && unicode.IsLower(r[i+1]) && !pluralAcronym
		if upper && (prevLower || (unicode.IsUpper(r[i-1]) && nextLower)) {
			out = append(out, string(r[start:i]))
			start = i
		}
	}
	return append(out, string(r[start:]))
}

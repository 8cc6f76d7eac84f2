package stacks

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// The config documentation is rendered from the section tables, so Pulumi.yaml (what `pulumi
// config` shows) and the README's tables cannot drift from what the program reads;
// TestConfigDocsComeFromTheTables checks both files (and rewrites them with -update).

// pulumiYamlDescription is a section's description in Pulumi.yaml: every setting with its dev
// and prod baselines (one value when they agree), what it does and its limits, in plain text.
func pulumiYamlDescription(s section) string {
	parts := make([]string, len(s.settings))
	for i, r := range s.settings {
		v := jsonValue(r.dev)
		if p := jsonValue(r.prod); p != v {
			v += " | " + p
		}
		parts[i] = r.key + " " + v + ": " + sentenceCase(strings.TrimSuffix(plain(r.doc), "."))
		if r.limits != "" {
			parts[i] += " (" + plain(r.limits) + ")"
		}
	}
	return fmt.Sprintf("Overrides of the %s baseline (dev | prod): %s. Unknown settings are errors. Default {}: the baseline.",
		s.summary, strings.Join(parts, "; "))
}

// readmeTable is a section's table in the README's "Configuration".
func readmeTable(s section) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#### `%s:%s` (`%s`)\n\n", Namespace, s.name, s.args)
	b.WriteString("| Setting | Component field | dev | prod | Limits | What it does |\n|---|---|---|---|---|---|\n")
	for _, r := range s.settings {
		field := "—"
		switch {
		case r.field != "" && r.args != "":
			field = "`" + r.args + "." + r.field + "`"
		case r.field != "":
			field = "`" + r.field + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.key, field, markdownValue(r.dev), markdownValue(r.prod), r.limits, r.doc)
	}
	return b.String()
}

// readmeTables is every section's table, in order.
func readmeTables() string {
	tables := make([]string, len(sections))
	for i, s := range sections {
		tables[i] = readmeTable(s)
	}
	return strings.Join(tables, "\n")
}

func jsonValue(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// markdownValue shows a value in a table cell: strings and lists in code, numbers and booleans
// as they are.
func markdownValue(v any) string {
	switch v.(type) {
	case string, []string:
		if s, ok := v.(string); ok && s != "" {
			return "`" + s + "`"
		}
		return "`" + jsonValue(v) + "`"
	}
	return jsonValue(v)
}

// sentenceCase lower-cases a doc line's first letter to continue a sentence, unless the first
// word is an acronym ("ALB access logs", "VPC flow logs").
func sentenceCase(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

var (
	markdownLink      = regexp.MustCompile(`\[([^\]]+)\]\([^)]+\)`)
	parenthesizedLink = regexp.MustCompile(` \((see )?\[[^\]]+\]\([^)]+\)\)`)
)

// plain strips Markdown from a cell for Pulumi.yaml: code spans, and links to README sections
// (a parenthesized one is dropped, as it means nothing outside the README).
func plain(s string) string {
	s = parenthesizedLink.ReplaceAllString(s, "")
	return strings.ReplaceAll(markdownLink.ReplaceAllString(s, "$1"), "`", "")
}

package configschema

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Docs renders a schema's documentation: the README's tables and Pulumi.yaml's descriptions, so
// neither can drift from what the program reads.
type Docs[R any] struct {
	Schema Schema[R]
	// Columns are the baselines shown side by side ("dev", "prod"), each a root config.
	Columns []Column[R]
	// Guard is the column whose availability values a variant may not drop (Rebase's guard).
	Guard string
	// Source and Command name where the tables live and what regenerates the docs, in the
	// README's markers.
	Source, Command string
}

// Column is one baseline shown in the docs.
type Column[R any] struct {
	Name   string
	Config R
}

// block is one generated part of the README, between two marker lines.
type block struct{ begin, end, body string }

func (d Docs[R]) blocks() []block {
	by := fmt.Sprintf(": generated from %s by `%s` -->\n", d.Source, d.Command)
	return []block{
		{"<!-- top-level keys" + by, "<!-- end of top-level keys -->\n", d.topTable()},
		{"<!-- config tables" + by, "<!-- end of config tables -->\n", d.sectionTables()},
		{"<!-- mode baselines" + by, "<!-- end of mode baselines -->\n", d.variantTable()},
	}
}

// Readme returns the README text with every generated block rewritten.
func (d Docs[R]) Readme(text string) (string, error) {
	for _, b := range d.blocks() {
		before, rest, ok := strings.Cut(text, b.begin)
		if !ok {
			return "", errors.New("README has no line " + strings.TrimSpace(b.begin))
		}
		_, after, ok := strings.Cut(rest, b.end)
		if !ok {
			return "", errors.New("README has no line " + strings.TrimSpace(b.end))
		}
		text = before + b.begin + "\n" + b.body + "\n" + b.end + after
	}
	return text, nil
}

// PulumiYaml returns the Pulumi.yaml text with the folded description of every key rewritten; a
// key it does not declare yet is added at the end of its config block, with its type and default.
func (d Docs[R]) PulumiYaml(text string) (string, error) {
	lines := strings.SplitAfter(text, "\n")
	for _, k := range d.descriptions() {
		start := slices.Index(lines, "  "+k.name+":\n")
		if start < 0 {
			var err error
			if lines, start, err = declare(lines, k); err != nil {
				return "", err
			}
		}
		at := start + 1
		for at < len(lines) && lines[at] != "    description: >-\n" {
			if !strings.HasPrefix(lines[at], "    ") {
				return "", errors.New("Pulumi.yaml's " + k.name + " has no folded description (description: >-)")
			}
			at++
		}
		end := at + 1
		for end < len(lines) && strings.HasPrefix(lines[end], "      ") {
			end++
		}
		lines = append(lines[:at+1], append(wrap(k.text, "      ", 100), lines[end:]...)...)
	}
	return strings.Join(lines, ""), nil
}

// description is one key's Pulumi.yaml entry: its name, its declaration (type and default) and
// its description.
type description struct{ name, declaration, text string }

// declare adds key k at the end of the config block of a Pulumi.yaml's lines, and returns where.
func declare(lines []string, k description) ([]string, int, error) {
	at := slices.Index(lines, "config:\n")
	if at < 0 {
		return nil, 0, errors.New("Pulumi.yaml has no config block to declare " + k.name + " in")
	}
	at++
	for at < len(lines) && (strings.HasPrefix(lines[at], "  ") || lines[at] == "\n") {
		at++
	}
	entry := strings.SplitAfter("  "+k.name+":\n"+k.declaration+"    description: >-\n", "\n")
	entry = entry[:len(entry)-1] // SplitAfter leaves an empty last element
	return append(lines[:at], append(entry, lines[at:]...)...), at, nil
}

func (d Docs[R]) descriptions() []description {
	var out []description
	for _, k := range d.Schema.Top {
		text := Plain(k.Doc) + " Default " + k.defaultValue() + "."
		if k.required {
			text = "Required. " + Plain(k.Doc)
		}
		out = append(out, description{k.Key, k.declaration(), text})
	}
	for _, sec := range d.Schema.Sections {
		parts := make([]string, len(sec.Rows))
		for i, r := range sec.Rows {
			var values []string
			for _, c := range d.Columns {
				if v := jsonText(d.Schema.Value(c.Config, sec.Name, r.Key)); !slices.Contains(values, v) {
					values = append(values, v)
				}
			}
			parts[i] = r.Key + " " + strings.Join(values, " | ") + ": " + sentenceCase(strings.TrimSuffix(Plain(r.Doc), "."))
			if r.Limits != "" {
				parts[i] += " (" + Plain(r.Limits) + ")"
			}
		}
		out = append(out, description{sec.Name, "    type: object\n    default: {}\n", fmt.Sprintf("Overrides of the %s baseline (%s): %s. Unknown settings are errors. Default {}: the baseline.",
			sec.Summary, d.columnNames(" | "), strings.Join(parts, "; "))})
	}
	return out
}

func (d Docs[R]) columnNames(sep string) string {
	names := make([]string, len(d.Columns))
	for i, c := range d.Columns {
		names[i] = c.Name
	}
	return strings.Join(names, sep)
}

// topTable is the README's table of top-level keys.
func (d Docs[R]) topTable() string {
	var b strings.Builder
	b.WriteString("| Key | Type | Default | Meaning |\n|---|---|---|---|\n")
	for _, k := range d.Schema.Top {
		def := k.defaultValue()
		if !k.required {
			def = "`" + def + "`"
		}
		fmt.Fprintf(&b, "| `%s:%s` | %s | %s | %s |\n", d.Schema.Namespace, k.Key, k.typeName(), def, k.Doc)
	}
	return b.String()
}

// sectionTables is one table per section: each setting, the component field it sets, its value
// in every baseline (as the component builds it), its limits and what it does.
func (d Docs[R]) sectionTables() string {
	tables := make([]string, len(d.Schema.Sections))
	for i, sec := range d.Schema.Sections {
		args := valueAt(reflect.ValueOf(new(R)), sec.Args).Type().String()
		var b strings.Builder
		fmt.Fprintf(&b, "#### `%s:%s` (`%s`)\n\n", d.Schema.Namespace, sec.Name, args)
		fmt.Fprintf(&b, "| Setting | Component field | %s | Limits | What it does |\n|---|---|%s---|---|\n",
			d.columnNames(" | "), strings.Repeat("---|", len(d.Columns)))
		for _, r := range sec.Rows {
			field := "—"
			if r.declared != "" {
				field = "`" + strings.TrimPrefix(r.declared, args+".") + "`"
			}
			values := make([]string, len(d.Columns))
			for j, c := range d.Columns {
				values[j] = markdownValue(d.Schema.Value(c.Config, sec.Name, r.Key))
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.Key, field, strings.Join(values, " | "), r.Limits, r.Doc)
		}
		tables[i] = b.String()
	}
	return strings.Join(tables, "\n")
}

// variantTable lists every mode's baseline: what picks it, what it replaces, and what happens in
// the guarded baseline when a replaced value is an availability one.
func (d Docs[R]) variantTable() string {
	var guard R
	for _, c := range d.Columns {
		if c.Name == d.Guard {
			guard = c.Config
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| You set | Baseline values replaced | In %s |\n|---|---|---|\n", d.Guard)
	for _, sec := range d.Schema.Sections {
		for i, v := range sec.Variants {
			outcome := "the same"
			var writes []string
			next := guard
			v.Apply(&next)
			for _, key := range d.Schema.VariantChanges(sec.Name, i, guard) {
				if slices.Contains(d.Schema.Availability, sec.Name+"."+key) {
					writes = append(writes, fmt.Sprintf("`%s: %s`", key, jsonText(d.Schema.Value(next, sec.Name, key))))
				}
			}
			if len(writes) > 0 {
				outcome = fmt.Sprintf("refused, as it lowers availability or durability: write %s too to accept that, or %s", strings.Join(writes, " and "), v.Fix)
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", v.When, v.Replaced, outcome)
		}
	}
	return b.String()
}

// markdownValue shows a value in a table cell: strings and lists in code, numbers and booleans
// as they are.
func markdownValue(v any) string {
	switch s := v.(type) {
	case string:
		if s != "" {
			return "`" + s + "`"
		}
		return "`" + jsonText(v) + "`"
	case []string, map[string]string:
		return "`" + jsonText(v) + "`"
	}
	return jsonText(v)
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

// Plain strips Markdown for plain text (Pulumi.yaml, error messages): code spans, and links to
// README sections (a parenthesized one is dropped, as it means nothing outside the README).
func Plain(s string) string {
	s = parenthesizedLink.ReplaceAllString(s, "")
	return strings.ReplaceAll(markdownLink.ReplaceAllString(s, "$1"), "`", "")
}

// wrap breaks text into lines of at most width characters, each starting with indent.
func wrap(text, indent string, width int) []string {
	var out []string
	line := indent
	for _, word := range strings.Fields(text) {
		if line != indent && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
			out = append(out, line+"\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += word
	}
	return append(out, line+"\n")
}

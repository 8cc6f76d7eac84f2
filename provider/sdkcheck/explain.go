package sdkcheck

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Example is one example program and how its language names tenk's components.
type Example struct {
	// Path is the file as the repository names it (examples/typescript/index.ts).
	Path string
	// Source is its text.
	Source string
	// Call matches a component's construction; its groups are the module and the class
	// (`new tenk.web.MultiAZWebTier(` → web, MultiAZWebTier).
	Call *regexp.Regexp
	// Key matches a line that sets a property; its group is the name as the language spells it.
	Key *regexp.Regexp
	// Property turns that name into the schema's (snake_case → camelCase in Python).
	Property func(string) string
}

// At names the example line and the schema property a checker's diagnostic is about:
// "examples/typescript/index.ts:58: tenk:web:MultiAZWebTier property allowedSecurityGroupIds".
func (e Example) At(line int) string {
	lines := strings.Split(e.Source, "\n")
	where := e.Path + ":" + strconv.Itoa(line)
	if line < 1 || line > len(lines) {
		return where
	}
	prop := ""
	if m := e.Key.FindStringSubmatch(lines[line-1]); m != nil {
		prop = e.Property(m[1])
		if parent := e.parentKey(lines, line-1); parent != "" {
			prop = parent + "." + m[1] // a map key or a nested object's field keeps its spelling
		}
	}
	for i := line - 1; i >= 0; i-- {
		if m := e.Call.FindStringSubmatch(lines[i]); m != nil {
			token := fmt.Sprintf("tenk:%s:%s", m[1], m[2])
			if prop == "" {
				return where + ": " + token
			}
			return where + ": " + token + " property " + prop
		}
		if i < line-1 && strings.TrimSpace(lines[i]) == "" {
			break // a blank line ends the statement: the diagnostic is outside a tenk call
		}
	}
	return where
}

// parentKey is the property whose literal (a map or an object) holds line i: the nearest line
// above, indented less, that opens a literal after a key; "" when line i is a top-level argument.
func (e Example) parentKey(lines []string, i int) string {
	indent := indentOf(lines[i])
	for j := i - 1; j >= 0; j-- {
		l := strings.TrimRight(lines[j], " ")
		if strings.TrimSpace(l) == "" || indentOf(l) >= indent {
			continue
		}
		if e.Call.MatchString(l) {
			return ""
		}
		if m := e.Key.FindStringSubmatch(l); m != nil && strings.ContainsAny(l[len(l)-1:], "{[(") {
			return e.Property(m[1])
		}
		indent = indentOf(l)
	}
	return ""
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// TypeScript is the TypeScript example's shape.
func TypeScript(path, source string) Example {
	return Example{Path: path, Source: source, Call: regexp.MustCompile(`new tenk\.(\w+)\.(\w+)\(`),
		Key: regexp.MustCompile(`^\s*(\w+)\s*:`), Property: func(s string) string { return s }}
}

// Python is the Python example's shape.
func Python(path, source string) Example {
	return Example{Path: path, Source: source, Call: regexp.MustCompile(`tenk\.(\w+)\.(\w+)\(`),
		Key: regexp.MustCompile(`^\s*"?(\w+)"?\s*[=:]`), Property: Camel}
}

// Camel is the schema name of a Python SDK name (allowed_security_group_ids →
// allowedSecurityGroupIds), for messages only.
func Camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// tscDiagnostic is `index.ts(58,5): error TS2322: …` as tsc prints it with --pretty false.
var tscDiagnostic = regexp.MustCompile(`(?m)^([^\s(]+)\((\d+),\d+\): error (TS\d+: .*)$`)

// ExplainTsc rewrites tsc's errors in the example file to name its line and the schema
// property; errors elsewhere (in the generated SDK) are kept as tsc printed them.
func ExplainTsc(e Example, file, output string) []string {
	var out []string
	for _, m := range tscDiagnostic.FindAllStringSubmatch(output, -1) {
		line, _ := strconv.Atoi(m[2])
		if m[1] == file {
			out = append(out, e.At(line)+": "+m[3])
		} else {
			out = append(out, m[0])
		}
	}
	return out
}

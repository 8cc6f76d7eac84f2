package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The examples in ../examples use only properties the schema has, spelt as each language's
// generated SDK spells them (camelCase in TypeScript and YAML, snake_case in Python), and only
// values an enum-like property accepts. They are not run here: that needs the Pulumi CLI.

// exampleResource is one tenk component an example builds, with the keys it sets.
type exampleResource struct {
	token string
	keys  map[string]any // property → value (a nested map for object values)
}

func TestExamplesUseSchemaProperties(t *testing.T) {
	spec := schemaOf(t)
	for _, tc := range []struct {
		file  string
		parse func(t *testing.T, src string) []exampleResource
		name  func(string) string
	}{
		{"../examples/yaml/Pulumi.yaml", parseYAMLExample, func(s string) string { return s }},
		{"../examples/typescript/index.ts", parseCallExample(`new tenk\.(\w+)\.(\w+)\(`, '{', '}', tsKeys), func(s string) string { return s }},
		{"../examples/python/__main__.py", parseCallExample(`tenk\.(\w+)\.(\w+)\(`, '(', ')', pyKeys), snake},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(tc.file)
			require.NoError(t, err)
			resources := tc.parse(t, string(raw))
			var tokens []string
			for _, r := range resources {
				tokens = append(tokens, r.token)
				res, ok := spec.Resources[r.token]
				if !assert.True(t, ok, "%s: %s is not a tenk component", tc.file, r.token) {
					continue
				}
				checkKeys(t, spec, tc.file+" "+r.token, res.InputProperties, r.keys, tc.name)
			}
			for _, want := range []string{"tenk:network:Network", "tenk:web:MultiAZWebTier", "tenk:database:RdsWithReplicas", "tenk:cdn:StaticAssetsCdn", "tenk:sessions:SessionTable", "tenk:cache:CacheCluster"} {
				assert.Contains(t, tokens, want, "%s builds the dev architecture", tc.file)
			}
		})
	}
}

// The README's snippets of "Use tenk from TypeScript, Python or YAML" use schema properties too.
func TestReadmeSnippetsUseSchemaProperties(t *testing.T) {
	spec := schemaOf(t)
	raw, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	section := string(raw)
	start := strings.Index(section, "## Use tenk from TypeScript, Python or YAML")
	require.GreaterOrEqual(t, start, 0, "the README has the section")
	section = section[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	parsers := map[string]func(*testing.T, string) []exampleResource{
		"typescript": parseCallExample(`new tenk\.(\w+)\.(\w+)\(`, '{', '}', tsKeys),
		"python":     parseCallExample(`tenk\.(\w+)\.(\w+)\(`, '(', ')', pyKeys),
		"yaml":       parseYAMLExample,
	}
	names := map[string]func(string) string{"typescript": func(s string) string { return s }, "python": snake, "yaml": func(s string) string { return s }}
	seen := 0
	for _, m := range snippetRe.FindAllStringSubmatch(section, -1) {
		lang, code := m[1], m[2]
		parse, ok := parsers[lang]
		if !ok {
			continue
		}
		seen++
		for _, r := range parse(t, code) {
			res, ok := spec.Resources[r.token]
			if assert.True(t, ok, "README %s snippet: %s is not a tenk component", lang, r.token) {
				checkKeys(t, spec, "README "+lang+" "+r.token, res.InputProperties, r.keys, names[lang])
			}
		}
	}
	assert.Equal(t, 3, seen, "a TypeScript, a Python and a YAML snippet")
}

var snippetRe = regexp.MustCompile("(?s)```(\\w+)\n(.*?)```")

// checkKeys checks keys against props (spelt by name), recursing into object types; the keys of
// a map-typed property are the caller's own.
func checkKeys(t *testing.T, spec schemaSpec, where string, props map[string]propertySpec, keys map[string]any, name func(string) string) {
	t.Helper()
	byName := map[string]string{}
	for p := range props {
		byName[name(p)] = p
	}
	for key, value := range keys {
		prop, ok := byName[key]
		if !assert.True(t, ok, "%s: no property %q", where, key) {
			continue
		}
		ps := props[prop]
		if nested, isMap := value.(map[string]any); isMap {
			if ps.Ref != "" {
				checkKeys(t, spec, where+"."+prop, spec.Types[strings.TrimPrefix(ps.Ref, "#/types/")].Properties, nested, name)
			} else {
				assert.Equal(t, "object", ps.Type, "%s: %s takes no object", where, prop)
			}
		}
		if s, isString := value.(string); isString {
			if allowed := oneOf(ps.Description); allowed != nil && !strings.Contains(s, "${") {
				assert.Contains(t, allowed, s, "%s: %s", where, prop)
			}
		}
	}
}

var oneOfRe = regexp.MustCompile(`One of ((?:"[^"]*"(?:, )?)+)\.$`)

// oneOf is the list of values a description allows ("One of "a", "b".), or nil.
func oneOf(description string) []string {
	m := oneOfRe.FindStringSubmatch(description)
	if m == nil {
		return nil
	}
	var out []string
	for _, v := range strings.Split(m[1], ", ") {
		out = append(out, strings.Trim(v, `"`))
	}
	return out
}

func parseYAMLExample(t *testing.T, src string) []exampleResource {
	var doc struct {
		Resources map[string]struct {
			Type       string         `yaml:"type"`
			Properties map[string]any `yaml:"properties"`
		} `yaml:"resources"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(src), &doc))
	var out []exampleResource
	for _, r := range doc.Resources {
		if strings.HasPrefix(r.Type, "tenk:") {
			out = append(out, exampleResource{r.Type, r.Properties})
		}
	}
	return out
}

// parseCallExample finds each constructor call matched by callRe and reads the keys of its
// argument block (from the first open to its matching close) with keysOf.
func parseCallExample(callRe string, open, close byte, keysOf func(block string) map[string]any) func(*testing.T, string) []exampleResource {
	re := regexp.MustCompile(callRe)
	return func(t *testing.T, src string) []exampleResource {
		var out []exampleResource
		for _, m := range re.FindAllStringSubmatchIndex(src, -1) {
			module, res := src[m[2]:m[3]], src[m[4]:m[5]]
			start := strings.IndexByte(src[m[1]-1:], open) + m[1] - 1
			if open == '{' {
				start = strings.IndexByte(src[m[1]:], open) + m[1]
			}
			block := matching(src[start:], open, close)
			out = append(out, exampleResource{"tenk:" + module + ":" + res, keysOf(block[1 : len(block)-1])})
		}
		require.NotEmpty(t, out, "no tenk components found")
		return out
	}
}

// matching returns s up to the bracket closing its first one, skipping quoted strings.
func matching(s string, open, close byte) string {
	depth, quote := 0, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case c == open || (open == '(' && (c == '{' || c == '[')) || (open == '{' && (c == '(' || c == '[')):
			depth++
		case c == close || (open == '(' && (c == '}' || c == ']')) || (open == '{' && (c == ')' || c == ']')):
			depth--
			if depth == 0 {
				return s[:i+1]
			}
		}
	}
	return s
}

var tsKeyRe = regexp.MustCompile(`^\s*(\w+)\s*:\s*`)

// tsKeys reads an object literal's top-level keys; an object value is read as a nested map.
func tsKeys(block string) map[string]any {
	return splitKeys(block, func(item string) (string, string, bool) {
		m := tsKeyRe.FindStringSubmatchIndex(item)
		if m == nil {
			return "", "", false
		}
		return item[m[2]:m[3]], item[m[1]:], true
	}, tsKeys)
}

var pyArgRe = regexp.MustCompile(`^\s*(\w+)\s*=\s*`)
var pyDictKeyRe = regexp.MustCompile(`^\s*"(\w+)"\s*:\s*`)

// pyKeys reads a call's keyword arguments; a dict value is read as a nested map.
func pyKeys(block string) map[string]any {
	return splitKeys(block, func(item string) (string, string, bool) {
		for _, re := range []*regexp.Regexp{pyArgRe, pyDictKeyRe} {
			if m := re.FindStringSubmatchIndex(item); m != nil {
				return item[m[2]:m[3]], item[m[1]:], true
			}
		}
		return "", "", false
	}, pyKeys)
}

// splitKeys splits block at top-level commas and reads key and value of each item; a value in
// braces is read recursively, a quoted one as its string.
func splitKeys(block string, kv func(string) (string, string, bool), nested func(string) map[string]any) map[string]any {
	out := map[string]any{}
	for _, item := range topLevel(block) {
		key, value, ok := kv(stripComment(item))
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch {
		case strings.HasPrefix(value, "{"):
			out[key] = nested(value[1 : len(value)-1])
		case len(value) > 1 && value[0] == '"' && value[len(value)-1] == '"':
			out[key] = value[1 : len(value)-1]
		default:
			out[key] = value
		}
	}
	return out
}

// topLevel splits s at the commas outside brackets and quotes.
func topLevel(s string) []string {
	var out []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' || c == '`':
			quote = c
		case strings.IndexByte("({[", c) >= 0:
			depth++
		case strings.IndexByte(")}]", c) >= 0:
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// stripComment drops whole comment lines (// or #) from an item.
func stripComment(item string) string {
	lines := strings.Split(item, "\n")
	return strings.Join(slices.DeleteFunc(lines, func(l string) bool {
		l = strings.TrimSpace(l)
		return strings.HasPrefix(l, "//") || strings.HasPrefix(l, "#")
	}), "\n")
}

// snake is a property's name in the Python SDK: availabilityZoneCount → availability_zone_count.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

package stacks

import (
	"flag"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update rewrites the config docs from the tables: go test ./stacks -run TestConfigDocs -update
var update = flag.Bool("update", false, "rewrite Pulumi.yaml's section descriptions and the README's config tables from the section tables")

const (
	readmeTopBegin = "<!-- top-level keys: generated from stacks/table_top.go by `go test ./stacks -run TestConfigDocs -update` -->\n"
	readmeTopEnd   = "<!-- end of top-level keys -->\n"
	readmeBegin    = "<!-- config tables: generated from stacks/table_*.go by `go test ./stacks -run TestConfigDocs -update` -->\n"
	readmeEnd      = "<!-- end of config tables -->\n"
)

// TestConfigDocsComeFromTheTables: Pulumi.yaml's description of every section and the README's
// config tables are exactly what the section tables render.
func TestConfigDocsComeFromTheTables(t *testing.T) {
	for _, doc := range []struct {
		path   string
		render func(string) (string, error)
	}{
		{"../Pulumi.yaml", renderPulumiYaml},
		{"../README.md", renderReadme},
	} {
		t.Run(doc.path, func(t *testing.T) {
			b, err := os.ReadFile(doc.path)
			require.NoError(t, err)
			want, err := doc.render(string(b))
			require.NoError(t, err)
			if *update {
				require.NoError(t, os.WriteFile(doc.path, []byte(want), 0o644))
				return
			}
			assert.Equal(t, want, string(b), "%s drifted from the section tables: run go test ./stacks -run TestConfigDocs -update", doc.path)
		})
	}
}

// renderPulumiYaml replaces the folded description of each top-level and section key in
// Pulumi.yaml.
func renderPulumiYaml(text string) (string, error) {
	type described struct{ name, text string }
	var keys []described
	for _, k := range topKeys {
		keys = append(keys, described{k.key, topDescription(k)})
	}
	for _, s := range sections {
		keys = append(keys, described{s.name, pulumiYamlDescription(s)})
	}
	lines := strings.SplitAfter(text, "\n")
	for _, k := range keys {
		start := -1
		for i, l := range lines {
			if l == "  "+k.name+":\n" {
				start = i
				break
			}
		}
		if start < 0 {
			return "", &missing{"Pulumi.yaml has no config key " + k.name}
		}
		d := start + 1
		for d < len(lines) && lines[d] != "    description: >-\n" {
			if !strings.HasPrefix(lines[d], "    ") {
				return "", &missing{"Pulumi.yaml's " + k.name + " has no folded description (description: >-)"}
			}
			d++
		}
		end := d + 1
		for end < len(lines) && strings.HasPrefix(lines[end], "      ") {
			end++
		}
		body := wrap(k.text, "      ", 100)
		lines = append(lines[:d+1], append(body, lines[end:]...)...)
	}
	return strings.Join(lines, ""), nil
}

// renderReadme replaces what lies between the README's config-table markers: the top-level
// keys' table, then the sections' tables.
func renderReadme(text string) (string, error) {
	before, rest, ok := strings.Cut(text, readmeTopBegin)
	if !ok {
		return "", &missing{"README.md has no line " + readmeTopBegin}
	}
	_, after, ok := strings.Cut(rest, readmeTopEnd)
	if !ok {
		return "", &missing{"README.md has no line " + readmeTopEnd}
	}
	text = before + readmeTopBegin + "\n" + topReadmeTable() + "\n" + readmeTopEnd + after
	before, rest, ok = strings.Cut(text, readmeBegin)
	if !ok {
		return "", &missing{"README.md has no line " + readmeBegin}
	}
	_, after, ok = strings.Cut(rest, readmeEnd)
	if !ok {
		return "", &missing{"README.md has no line " + readmeEnd}
	}
	return before + readmeBegin + "\n" + readmeTables() + "\n" + readmeEnd + after, nil
}

type missing struct{ what string }

func (m *missing) Error() string { return m.what }

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

// TestEveryTopLevelKeyHasARow: the rows of table_top.go are exactly Config's tagged top-level
// fields, in order, so a new key cannot go undocumented.
func TestEveryTopLevelKeyHasARow(t *testing.T) {
	var want []string
	for _, k := range TopLevelKeys() {
		if !isSection(k) {
			want = append(want, k)
		}
	}
	var got []string
	for _, k := range topKeys {
		got = append(got, k.key)
	}
	assert.Equal(t, want, got)
}

func isSection(name string) bool {
	for _, s := range sections {
		if s.name == name {
			return true
		}
	}
	return false
}

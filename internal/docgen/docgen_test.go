package docgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitDefault(t *testing.T) {
	for _, tc := range []struct{ doc, def, rest string }{
		{"NodeType is the class. Default: \"cache.r7g.large\" (13 GiB, Graviton).", `"cache.r7g.large" (13 GiB, Graviton)`, "NodeType is the class."},
		{"Engine is one of three. Default: EngineValkey. Changing it replaces the cache.", "EngineValkey", "Engine is one of three. Changing it replaces the cache."},
		{"VpcID is the VPC. Required.", "required", "VpcID is the VPC."},
		{"SubnetIDs are the subnets. Required; two or more with failover.", "required", "SubnetIDs are the subnets. Two or more with failover."},
		{"Port is 5432 by default. Default: 1.5 s.", "1.5 s", "Port is 5432 by default."},
		{"Tags are added.", "", "Tags are added."},
	} {
		def, rest := splitDefault(tc.doc)
		assert.Equal(t, tc.def, def, tc.doc)
		assert.Equal(t, tc.rest, rest, tc.doc)
	}
}

// TestRender: a package's Args types, nested groups dotted, land between their markers; a README
// without the block of an Args type is an error naming it.
func TestRender(t *testing.T) {
	dir := t.TempDir()
	src := `package p

// ThingArgs configures a Thing.
type ThingArgs struct {
	// Size is how big. Default: 2.
	Size int
	// Check groups the checks.
	Check Check
	hidden int
}

// Check is a group of settings.
type Check struct {
	// Path is checked. Default: "/healthz".
	Path string
}

// OtherArgs configures an Other.
type OtherArgs struct {
	// Name names it. Required.
	Name string
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
	readme := "# p\n\n" + beginMarker("ThingArgs") + "\nstale\n" + endMarker("ThingArgs") + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte(readme), 0o644))

	_, err := Render(dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no block for OtherArgs")

	readme += "\n" + beginMarker("OtherArgs") + "\n" + endMarker("OtherArgs") + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte(readme), 0o644))
	changed, err := Render(dir)
	require.NoError(t, err)
	assert.True(t, changed)
	out, err := os.ReadFile(filepath.Join(dir, "README.md"))
	require.NoError(t, err)
	text := string(out)
	assert.NotContains(t, text, "stale")
	assert.Contains(t, text, "| `Size` | `int` | 2 | Size is how big. |")
	assert.Contains(t, text, "| `Check.Path` | `string` | \"/healthz\" | Path is checked. |")
	assert.Contains(t, text, "| `Name` | `string` | required | Name names it. |")
	assert.False(t, strings.Contains(text, "hidden"))

	changed, err = Render(dir)
	require.NoError(t, err)
	assert.False(t, changed, "a second run changes nothing")
}

// TestComponentReadmesAreCurrent: every component README's Args tables are what the doc comments
// say now (go generate ./... rewrites them).
func TestComponentReadmesAreCurrent(t *testing.T) {
	dirs, err := filepath.Glob("../../components/*/README.md")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, readme := range dirs {
		dir := filepath.Dir(readme)
		tables, err := Tables(dir)
		require.NoError(t, err)
		text, err := os.ReadFile(readme)
		require.NoError(t, err)
		for name, rows := range tables {
			block := beginMarker(name) + "\n\n" + Markdown(rows) + "\n" + endMarker(name)
			assert.Contains(t, string(text), block, "%s: the %s table is stale or missing: run go generate ./...", readme, name)
		}
	}
}

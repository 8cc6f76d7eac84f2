package stacks

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/configschema"
)

// update rewrites the config docs from the tables: go generate ./stacks (see doc.go).
var update = flag.Bool("update", false, "rewrite Pulumi.yaml's descriptions and the README's config tables from the tables")

// docs renders the config documentation from the tables, with the dev and prod baselines.
var docs = configschema.Docs[Config]{
	Schema:  schema,
	Columns: []configschema.Column[Config]{{Name: "dev", Config: Baseline(Dev)}, {Name: "prod", Config: Baseline(Prod)}},
	Guard:   string(Prod),
	Source:  "stacks/table_*.go",
	Command: "go generate ./stacks",
}

// TestConfigDocsComeFromTheTables: Pulumi.yaml's description of every key and the README's
// config tables are exactly what the tables render.
func TestConfigDocsComeFromTheTables(t *testing.T) {
	for _, doc := range []struct {
		path   string
		render func(string) (string, error)
	}{
		{"../Pulumi.yaml", docs.PulumiYaml},
		{"../README.md", docs.Readme},
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
			assert.Equal(t, want, string(b), "%s drifted from the tables: run go generate ./stacks", doc.path)
		})
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/provider/internal/wiregen"
)

// TestGeneratedCodeIsCurrent fails when a Go Args field, doc comment or default changed without
// regenerating the wire form: go generate ./... (from provider/).
func TestGeneratedCodeIsCurrent(t *testing.T) {
	want, err := wiregen.Generate("..")
	require.NoError(t, err)
	got, err := os.ReadFile("components_gen.go")
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "components_gen.go is stale: run go generate ./... in provider/")
}

// TestSchemaGolden compares the package schema with the reviewed provider/schema.json.
func TestSchemaGolden(t *testing.T) {
	resp, err := server(t, testkit.NewMocks()).GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var pretty bytes.Buffer
	require.NoError(t, json.Indent(&pretty, []byte(resp.Schema), "", "  "))
	pretty.WriteString("\n")
	if *update {
		require.NoError(t, os.WriteFile("schema.json", pretty.Bytes(), 0o644))
	}
	want, err := os.ReadFile("schema.json")
	require.NoError(t, err, "no schema.json: run go test -run TestSchemaGolden -update in provider/")
	require.Equal(t, string(want), pretty.String(), "the schema changed: review it, then go test -run TestSchemaGolden -update")
}

// tokens are the component type tokens in the schema.
func tokens(t *testing.T) []string {
	t.Helper()
	resp, err := server(t, testkit.NewMocks()).GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var spec struct {
		Resources map[string]struct {
			IsComponent bool `json:"isComponent"`
		} `json:"resources"`
	}
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &spec))
	var out []string
	for tok, r := range spec.Resources {
		require.True(t, r.IsComponent, tok)
		out = append(out, tok)
	}
	return out
}

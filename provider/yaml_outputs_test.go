package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// TestYAMLExamplePutsOutputsWhereTheSchemaTakesThem: in examples/yaml every `${…}` (another
// resource's output) sits where schema.json takes an output: not in a plain property, and not
// as an element of a collection whose elements are plain.
func TestYAMLExamplePutsOutputsWhereTheSchemaTakesThem(t *testing.T) {
	spec := goldenSchema(t)
	src, err := os.ReadFile("../examples/yaml/Pulumi.yaml")
	require.NoError(t, err)
	problems, outputs := yamlOutputProblems(t, spec, "examples/yaml/Pulumi.yaml", src)
	assert.Empty(t, problems)
	assert.Greater(t, outputs, 20, "the example's outputs were found")

	// The rule bites: an output among e-mails (a plain property) and inside plain elements.
	bad := "resources:\n  a:\n    type: tenk:alerts:AlarmTopic\n    properties:\n      emails:\n        - ${x.email}\n      tags:\n        stack: ${pulumi.stack}\n"
	problems, _ = yamlOutputProblems(t, spec, "bad.yaml", []byte(bad))
	assert.Equal(t, []string{"bad.yaml:6: tenk:alerts:AlarmTopic property emails[] is plain: ${x.email} cannot go there"}, problems,
		"${pulumi.stack} is known when the program runs: it may go in a plain property")
	plainElements := spec
	plainElements.Resources = map[string]pschema.ResourceSpec{"tenk:app:AppConfig": {InputProperties: map[string]pschema.PropertySpec{
		"roles": {TypeSpec: pschema.TypeSpec{Type: "array", Items: &pschema.TypeSpec{Type: "string", Plain: true}}}}}}
	bad = "resources:\n  a:\n    type: tenk:app:AppConfig\n    properties:\n      roles:\n        - ${web.instanceRoleName}\n"
	problems, _ = yamlOutputProblems(t, plainElements, "bad.yaml", []byte(bad))
	assert.Equal(t, []string{"bad.yaml:6: tenk:app:AppConfig property roles[] is plain: ${web.instanceRoleName} cannot go there"}, problems)
}

// goldenSchema is schema.json as the SDKs are generated from it.
func goldenSchema(t *testing.T) pschema.PackageSpec {
	t.Helper()
	raw, err := os.ReadFile("schema.json")
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal(raw, &spec))
	return spec
}

// yamlOutputProblems walks every tenk resource's properties with their schema types and reports
// each output placed where the type is plain; it also counts the outputs it saw.
func yamlOutputProblems(t *testing.T, spec pschema.PackageSpec, file string, src []byte) ([]string, int) {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(src, &doc))
	var problems []string
	outputs := 0
	var walk func(n *yaml.Node, ts pschema.TypeSpec, where string)
	walk = func(n *yaml.Node, ts pschema.TypeSpec, where string) {
		switch n.Kind {
		case yaml.ScalarNode:
			if isOutput(n.Value) {
				outputs++
				if ts.Plain {
					problems = append(problems, fmt.Sprintf("%s:%d: %s is plain: %s cannot go there", file, n.Line, where, n.Value))
				}
			}
		case yaml.SequenceNode:
			for _, item := range n.Content {
				if ts.Items != nil {
					walk(item, *ts.Items, where+"[]")
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key, value := n.Content[i].Value, n.Content[i+1]
				switch {
				case ts.AdditionalProperties != nil:
					walk(value, *ts.AdditionalProperties, where+"."+key)
				case strings.HasPrefix(ts.Ref, "#/types/"):
					if ps, ok := spec.Types[strings.TrimPrefix(ts.Ref, "#/types/")].Properties[key]; ok {
						walk(value, ps.TypeSpec, where+"."+key)
					}
				}
			}
		}
	}
	resources := mappingValue(doc.Content[0], "resources")
	require.NotNil(t, resources, "%s has resources", file)
	for i := 1; i < len(resources.Content); i += 2 {
		r := resources.Content[i]
		typ, props := mappingValue(r, "type"), mappingValue(r, "properties")
		if typ == nil || props == nil || !strings.HasPrefix(typ.Value, "tenk:") {
			continue
		}
		inputs := spec.Resources[typ.Value].InputProperties
		for j := 0; j+1 < len(props.Content); j += 2 {
			if ps, ok := inputs[props.Content[j].Value]; ok { // unknown names: TestExamplesUseSchemaProperties
				walk(props.Content[j+1], ps.TypeSpec, typ.Value+" property "+props.Content[j].Value)
			}
		}
	}
	return problems, outputs
}

var interpolation = regexp.MustCompile(`\$\{([^}]*)\}`)

// isOutput reports whether a YAML value interpolates another resource's output; Pulumi YAML's
// own pulumi.stack, pulumi.project and the like are known when the program runs.
func isOutput(value string) bool {
	for _, m := range interpolation.FindAllStringSubmatch(value, -1) {
		if !strings.HasPrefix(strings.TrimSpace(m[1]), "pulumi.") {
			return true
		}
	}
	return false
}

func mappingValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

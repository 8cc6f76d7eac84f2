package main

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSchemaCollectionsTakeOutputsElementByElement reads the reviewed schema.json, what every
// SDK is generated from: each array or map input either takes outputs element by element (no
// element is plain at any depth) or is plain as a whole (the SDKs then refuse outputs at compile
// time). Which of the two must match what Construct decodes: a pulumi input collection on the
// wire takes outputs; a plain Go collection is a value the Go library needs when it builds.
func TestSchemaCollectionsTakeOutputsElementByElement(t *testing.T) {
	raw, err := os.ReadFile("schema.json")
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal(raw, &spec))

	checked := 0
	for _, owner := range sortedKeys(wireTypes) {
		props := spec.Types[owner].Properties
		if r, ok := spec.Resources[owner]; ok {
			props = r.InputProperties
		}
		require.NotNil(t, props, "schema.json has no inputs for %s", owner)
		wire := wireFields(wireTypes[owner])
		for _, name := range sortedKeys(props) {
			prop := props[name]
			if prop.Type != "array" && prop.AdditionalProperties == nil {
				continue
			}
			checked++
			where := owner + "." + name
			if !prop.Plain {
				assert.Empty(t, plainElement(prop.TypeSpec, ""), "%s: a plain element where a caller may pass an output: every SDK types it as a plain value (regenerate the schema: go test -run TestSchemaGolden -update)", where)
			}
			f, ok := wire[name]
			if !assert.True(t, ok, "%s: no wire field", where) {
				continue
			}
			takesOutputs := f.Implements(inputType)
			assert.Equal(t, !takesOutputs, prop.Plain, "%s: plain in the schema must mean the wire field (%v) is not a pulumi input", where, f)
		}
	}
	assert.Greater(t, checked, 30, "the schema's collections were found")
}

// plainElement is the path of the first plain element of a collection type ("" when none).
func plainElement(t pschema.TypeSpec, path string) string {
	for key, el := range map[string]*pschema.TypeSpec{"[]": t.Items, "{}": t.AdditionalProperties} {
		if el == nil {
			continue
		}
		if el.Plain {
			return path + key
		}
		if p := plainElement(*el, path+key); p != "" {
			return p
		}
	}
	return ""
}

// wireFields are a wire struct's field types by property name.
func wireFields(typ reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for _, f := range reflect.VisibleFields(typ) {
		if name, ok := propertyTag(f); ok {
			out[name] = f.Type
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

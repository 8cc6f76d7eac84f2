package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/tenkstack/tenk/components/internal/outputs"
)

// schemaFile is the multi-language package's schema, relative to the module root. The provider
// generator derives its properties from the same Go fields outputs.Map registers.
const schemaFile = "provider/schema.json"

// checkOutputs: the outputs the component registers (outputs.Map of its struct) are exactly the
// properties provider/schema.json gives its token, under the same names.
func checkOutputs(c Component) error {
	if c.Outputs == nil {
		return nil
	}
	want, err := schemaProperties(c.Token)
	if err != nil {
		return err
	}
	return sameNames(outputs.Names(c.Outputs), want)
}

// sameNames reports the names one list has and the other lacks.
func sameNames(registered, schema []string) error {
	var missing, extra []string
	for _, n := range schema {
		if !slices.Contains(registered, n) {
			missing = append(missing, n)
		}
	}
	for _, n := range registered {
		if !slices.Contains(schema, n) {
			extra = append(extra, n)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		return fmt.Errorf("registered outputs %v differ from %s: missing %v, not in the schema %v (regenerate the provider, or fix outputs.Name)", registered, schemaFile, missing, extra)
	}
	return nil
}

// schemaProperties reads the output property names of token from provider/schema.json, found
// in the nearest directory above the test's that holds it.
func schemaProperties(token string) ([]string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, schemaFile))
		if err == nil {
			return propertiesOf(data, token)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, fmt.Errorf("no %s above the test's directory", schemaFile)
		}
		dir = parent
	}
}

// propertiesOf returns the property names of token in a Pulumi package schema.
func propertiesOf(schema []byte, token string) ([]string, error) {
	var s struct {
		Resources map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	r, ok := s.Resources[token]
	if !ok {
		return nil, fmt.Errorf("%s has no resource %s", schemaFile, token)
	}
	names := make([]string, 0, len(r.Properties))
	for n := range r.Properties {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// withCollectionRule serves prov's schema with every collection input described as Construct
// decodes it (see collectionRule).
func withCollectionRule(prov p.Provider) p.Provider {
	getSchema := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := getSchema(ctx, req)
		if err != nil {
			return resp, err
		}
		var spec pschema.PackageSpec
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return resp, fmt.Errorf("reading the inferred schema: %w", err)
		}
		if err := collectionRule(&spec, wireTypes); err != nil {
			return resp, err
		}
		out, err := json.Marshal(spec)
		if err != nil {
			return resp, err
		}
		resp.Schema = string(out)
		return resp, nil
	}
	return prov
}

// collectionRule rewrites the inferred schema's array and map properties to what Construct
// decodes, read from the wire types by token:
//   - a pulumi input collection (StringArrayInput, StringMapInput, StringArrayArrayInput) takes
//     outputs element by element: its elements lose "plain", so the SDKs accept
//     `[web.instanceSecurityGroupId]` and `{sessions: sessions.policyArn}`. infer marks them plain
//     (pulumi-go-provider v1.5.0 infer/schema.go, serializeTypeAsPropertyType: the elements of an
//     input type are not inputs themselves), although the Go SDK decodes each element as an output.
//   - a plain Go collection ([]string, map[string]string, []struct) is a value the Go library needs
//     when the component is built (AZ names, e-mail subscriptions, tags): the property itself is
//     plain, so the SDKs reject an output there at compile time instead of Construct failing on it.
func collectionRule(spec *pschema.PackageSpec, types map[string]reflect.Type) error {
	for token, typ := range types {
		var props map[string]pschema.PropertySpec
		if r, ok := spec.Resources[token]; ok {
			props = r.InputProperties
		} else if o, ok := spec.Types[token]; ok {
			props = o.Properties
		}
		if props == nil {
			return fmt.Errorf("schema: no inputs for %s", token)
		}
		for _, f := range reflect.VisibleFields(typ) {
			name, ok := propertyTag(f)
			if !ok || !isCollection(f.Type) {
				continue
			}
			prop, ok := props[name]
			if !ok {
				return fmt.Errorf("schema: %s has no property %s", token, name)
			}
			if f.Type.Implements(inputType) {
				clearElementPlain(&prop.TypeSpec)
			} else {
				prop.Plain = true
			}
			props[name] = prop
		}
	}
	return nil
}

var inputType = reflect.TypeFor[pulumi.Input]()

// isCollection reports whether t is a slice or map, or a pulumi input of one (pulumi's input
// interfaces are named for their shape: StringArrayInput, StringMapInput).
func isCollection(t reflect.Type) bool {
	if t.Kind() == reflect.Interface {
		return strings.HasSuffix(t.Name(), "ArrayInput") || strings.HasSuffix(t.Name(), "MapInput")
	}
	return t.Kind() == reflect.Slice || t.Kind() == reflect.Map
}

// clearElementPlain drops "plain" from a collection's elements at every depth (a list of lists).
func clearElementPlain(t *pschema.TypeSpec) {
	for _, el := range []*pschema.TypeSpec{t.Items, t.AdditionalProperties} {
		if el != nil {
			el.Plain = false
			clearElementPlain(el)
		}
	}
}

// propertyTag is a wire field's property name from its `pulumi` tag.
func propertyTag(f reflect.StructField) (string, bool) {
	tag, ok := f.Tag.Lookup("pulumi")
	if !ok || !f.IsExported() {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	return name, true
}

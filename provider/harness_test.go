package main

import (
	"flag"
	"fmt"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"slices"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
)

// update rewrites schema.json from the provider: go test ./... -update (from provider/).
var update = flag.Bool("update", false, "rewrite schema.json from the current provider")

// unknown stands for a value that is not known yet, as during a preview.
type unknownValue struct{}

var unknown = unknownValue{}

// fromResource is another resource's output, as a language SDK sends it inside a list or map
// literal: it depends on urn, and is secret, or unknown (a preview before urn exists).
type fromResource struct {
	value   any
	urn     presource.URN
	secret  bool
	unknown bool
}

// networkURN is the resource unknown values come from.
const networkURN = presource.URN("urn:pulumi:test::tenk::tenk:network:Network$awsx:ec2:Vpc::net-vpc")

// wire turns a Go literal into the property value a language SDK would send.
func wire(v any) property.Value {
	switch v := v.(type) {
	case nil:
		return property.New(property.Null)
	case unknownValue:
		// As a language SDK sends another resource's output during a preview: unknown, and
		// depending on the resource it comes from.
		return property.New(property.Computed).WithDependencies([]presource.URN{networkURN})
	case fromResource:
		deps := []presource.URN{v.urn}
		if v.unknown {
			return property.New(property.Computed).WithDependencies(deps)
		}
		return wire(v.value).WithSecret(v.secret).WithDependencies(deps)
	case string:
		return property.New(v)
	case bool:
		return property.New(v)
	case int:
		return property.New(float64(v))
	case float64:
		return property.New(v)
	case []string:
		vals := make([]property.Value, len(v))
		for i, s := range v {
			vals[i] = property.New(s)
		}
		return property.New(vals)
	case []any:
		vals := make([]property.Value, len(v))
		for i, s := range v {
			vals[i] = wire(s)
		}
		return property.New(vals)
	case map[string]any:
		return property.New(wireMap(v).AsMap())
	case map[string]string:
		m := map[string]property.Value{}
		for k, s := range v {
			m[k] = property.New(s)
		}
		return property.New(m)
	}
	panic(fmt.Sprintf("wire: unsupported %T", v))
}

func wireMap(m map[string]any) property.Value {
	vals := make(map[string]property.Value, len(m))
	for k, v := range m {
		vals[k] = wire(v)
	}
	return property.New(vals)
}

// server starts the provider in-process, recording every registration in mocks.
func server(t *testing.T, mocks *testkit.Mocks) integration.Server {
	t.Helper()
	prov, err := Provider()
	require.NoError(t, err)
	s, err := integration.NewServer(t.Context(), Name, semver.MustParse("1.0.0"),
		integration.WithProvider(prov), integration.WithMocks(previewMocks{mocks}))
	require.NoError(t, err)
	return s
}

// construct builds one component through the provider, as `new tenk.X(name, inputs)` would.
func construct(t *testing.T, token, name string, inputs map[string]any) (*testkit.Mocks, p.ConstructResponse, error) {
	t.Helper()
	mocks := testkit.NewMocks()
	resp, err := server(t, mocks).Construct(p.ConstructRequest{
		Urn:    presource.URN(fmt.Sprintf("urn:pulumi:test::%s::%s::%s", testkit.Project, token, name)),
		Inputs: wireMap(inputs).AsMap(),
		DryRun: hasUnknown(inputs), // unknowns reach the component only in a preview, as from the engine
	})
	return mocks, resp, err
}

// hasUnknown reports whether any top-level input is unknown.
func hasUnknown(inputs map[string]any) bool {
	for _, v := range inputs {
		if containsUnknown(v) {
			return true
		}
	}
	return false
}

func containsUnknown(v any) bool {
	switch v := v.(type) {
	case unknownValue:
		return true
	case fromResource:
		return v.unknown
	case []any:
		return slices.ContainsFunc(v, containsUnknown)
	case map[string]any:
		return hasUnknown(v)
	}
	return false
}

// previewMocks returns a resource's unknown inputs as absent outputs, which a preview reads as
// unknown, as an engine would: the integration server's fake monitor cannot send unknowns back
// (it marshals state without KeepUnknowns).
type previewMocks struct{ *testkit.Mocks }

func (m previewMocks) NewResource(args pulumi.MockResourceArgs) (string, presource.PropertyMap, error) {
	id, state, err := m.Mocks.NewResource(args)
	for k, v := range state {
		if v.ContainsUnknowns() {
			delete(state, k)
		}
	}
	return id, state, err
}

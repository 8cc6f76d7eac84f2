package main

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"

	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/testkit"
)

// elementInput is one collection input that takes outputs element by element, at its property
// path in a component's inputs ("database.replicaIdentifiers" is nested).
type elementInput struct {
	token, path string
	listOfLists bool
	isMap       bool
}

// elementInputs are every input collection of the wire types reachable from a component's
// inputs, found by reflection: a new one is tested without being listed here.
func elementInputs(t *testing.T) []elementInput {
	t.Helper()
	var out []elementInput
	for _, tc := range constructCases {
		var walk func(typ reflect.Type, prefix string)
		walk = func(typ reflect.Type, prefix string) {
			for _, f := range reflect.VisibleFields(typ) {
				name, ok := propertyTag(f)
				if !ok {
					continue
				}
				ft := f.Type
				if ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct {
					walk(ft.Elem(), prefix+name+".")
					continue
				}
				if !ft.Implements(inputType) || !isCollection(ft) {
					continue
				}
				out = append(out, elementInput{token: tc.token, path: prefix + name,
					listOfLists: strings.HasSuffix(ft.Name(), "ArrayArrayInput"), isMap: strings.HasSuffix(ft.Name(), "MapInput")})
			}
		}
		walk(wireTypes[tc.token], "")
	}
	require.Greater(t, len(out), 15, "the input collections were found")
	return out
}

// knownLists are the collections Construct must read before building (they decide what is
// created); a secret or unknown element is refused there (TestConstructRefusesSecretKnownList).
var knownLists = map[string]bool{database.Token + ".availabilityZones": true, "tenk:cache:CacheCluster.availabilityZones": true}

// withElement returns the case's inputs with one element of the collection at path replaced by
// el(original): the case's own value when it sets one, else a sample entry.
func withElement(inputs map[string]any, in elementInput, el func(string) fromResource) map[string]any {
	out := maps.Clone(inputs)
	parent, key := out, in.path
	if before, after, nested := strings.Cut(in.path, "."); nested {
		m, _ := out[before].(map[string]any)
		if m = maps.Clone(m); m == nil {
			m = map[string]any{}
		}
		out[before], parent, key = m, m, after
	}
	sample := "sg-0sample" + strings.ReplaceAll(key, ".", "")
	switch v := parent[key].(type) {
	case []string:
		list := make([]any, len(v))
		for i, s := range v {
			list[i] = s
		}
		list[0] = el(v[0])
		parent[key] = list
	case map[string]string:
		m := map[string]any{}
		for k, s := range v {
			m[k] = s
		}
		for _, k := range sortedKeys(v)[:1] {
			m[k] = el(v[k])
		}
		parent[key] = m
	case []any: // a list of lists
		lists := make([]any, len(v))
		copy(lists, v)
		first := lists[0].([]string)
		lists[0] = []any{el(first[0])}
		parent[key] = lists
	case nil:
		switch {
		case in.isMap:
			parent[key] = map[string]any{"sample": el(sample)}
		case in.listOfLists:
			parent[key] = []any{[]any{el(sample)}}
		default:
			parent[key] = []any{el(sample)}
		}
	default:
		panic(fmt.Sprintf("withElement: %s is a %T", in.path, v))
	}
	return out
}

// TestConstructCarriesElementSecretsAndDependencies: for every input collection, one element is
// another resource's secret output. The component builds, some child's inputs hold that value
// still secret, and that child depends on the resource the element came from: what a TypeScript
// or Python program passing `[web.instanceSecurityGroupId]` gets.
func TestConstructCarriesElementSecretsAndDependencies(t *testing.T) {
	for i, in := range elementInputs(t) {
		if knownLists[in.token+"."+in.path] {
			continue
		}
		t.Run(in.token+"."+in.path, func(t *testing.T) {
			from := presource.URN(fmt.Sprintf("urn:pulumi:test::tenk::aws:ec2/securityGroup:SecurityGroup::source-%d", i))
			var marker string
			inputs := withElement(caseInputs(t, in.token), in, func(v string) fromResource {
				marker = v
				return fromResource{value: v, urn: from, secret: true}
			})
			mocks, _, err := construct(t, in.token, "c", inputs)
			require.NoError(t, err)
			holders := secretHolders(mocks, marker)
			require.NotEmpty(t, holders, "no child holds %q as a secret", marker)
			for _, r := range holders {
				assert.Contains(t, r.Dependencies, string(from), "%s holds the element but does not depend on its resource", r.URN)
			}
		})
	}
}

// TestConstructWithUnknownElementsDependsOnTheirResource is the preview of the same programs:
// each element is unknown; the component still builds and a child depends on its resource.
func TestConstructWithUnknownElementsDependsOnTheirResource(t *testing.T) {
	for i, in := range elementInputs(t) {
		if knownLists[in.token+"."+in.path] {
			continue
		}
		t.Run(in.token+"."+in.path, func(t *testing.T) {
			from := presource.URN(fmt.Sprintf("urn:pulumi:test::tenk::aws:ec2/securityGroup:SecurityGroup::later-%d", i))
			inputs := withElement(caseInputs(t, in.token), in, func(string) fromResource {
				return fromResource{urn: from, unknown: true}
			})
			mocks, _, err := construct(t, in.token, "c", inputs)
			require.NoError(t, err)
			var dependents []string
			for _, r := range mocks.Resources() {
				for _, d := range r.Dependencies {
					if d == string(from) {
						dependents = append(dependents, r.URN)
					}
				}
			}
			assert.NotEmpty(t, dependents, "no child depends on the resource the unknown element comes from")
		})
	}
}

// TestConstructTakesAWholeListOutput: a whole list output (network.privateSubnetIds) works as
// well as a list literal, secret and dependencies kept per entry. A wire field typed
// []pulumi.StringInput would refuse it (Go SDK v3.274.1 provider.go, copyInputTo).
func TestConstructTakesAWholeListOutput(t *testing.T) {
	from := presource.URN("urn:pulumi:test::tenk::tenk:network:Network::net")
	inputs := caseInputs(t, webtier.Token)
	inputs["instanceSubnetIds"] = fromResource{value: private, urn: from, secret: true}
	mocks, _, err := construct(t, webtier.Token, "web", inputs)
	require.NoError(t, err)
	holders := secretHolders(mocks, private[1])
	require.NotEmpty(t, holders)
	for _, r := range holders {
		assert.Contains(t, r.Dependencies, string(from), r.URN)
	}
}

// TestConstructRefusesSecretKnownList: the AZ names decide which resources exist and end up in
// plain state (subnet groups, instance placement), so a secret one is refused by property
// rather than silently unwrapped; a known one from another resource is read.
func TestConstructRefusesSecretKnownList(t *testing.T) {
	for _, in := range elementInputs(t) {
		if !knownLists[in.token+"."+in.path] {
			continue
		}
		t.Run(in.token+"."+in.path, func(t *testing.T) {
			from := presource.URN("urn:pulumi:test::tenk::aws:index/getAvailabilityZones:Zones::zones")
			secret := withElement(caseInputs(t, in.token), in, func(v string) fromResource { return fromResource{value: v, urn: from, secret: true} })
			_, _, err := construct(t, in.token, "c", secret)
			require.Error(t, err)
			assert.Contains(t, err.Error(), in.path+" must not be secret")

			known := withElement(caseInputs(t, in.token), in, func(v string) fromResource { return fromResource{value: v, urn: from} })
			_, _, err = construct(t, in.token, "c", known)
			require.NoError(t, err)
		})
	}
}

// caseInputs are TestConstructMatchesGo's inputs for token.
func caseInputs(t *testing.T, token string) map[string]any {
	t.Helper()
	for _, tc := range constructCases {
		if tc.token == token {
			return maps.Clone(tc.inputs)
		}
	}
	t.Fatalf("no construct case for %s", token)
	return nil
}

// secretHolders are the registered resources with a secret input whose text contains marker.
func secretHolders(mocks *testkit.Mocks, marker string) []testkit.Resource {
	var out []testkit.Resource
	for _, r := range mocks.Resources() {
		if holdsSecret(presource.NewProperty(r.Raw), marker, false) {
			out = append(out, r)
		}
	}
	return out
}

func holdsSecret(v presource.PropertyValue, marker string, secret bool) bool {
	switch {
	case v.IsSecret():
		return holdsSecret(v.SecretValue().Element, marker, true)
	case v.IsOutput():
		o := v.OutputValue()
		return o.Known && holdsSecret(o.Element, marker, secret || o.Secret)
	case v.IsString():
		return secret && strings.Contains(v.StringValue(), marker)
	case v.IsArray():
		for _, e := range v.ArrayValue() {
			if holdsSecret(e, marker, secret) {
				return true
			}
		}
	case v.IsObject():
		for _, e := range v.ObjectValue() {
			if holdsSecret(e, marker, secret) {
				return true
			}
		}
	}
	return false
}

package main

import (
	"encoding/json"
	"reflect"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/dashboard"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/provider/internal/wiregen"
)

// goTypes are each component's Go Args and component types, read by reflection: independent of
// the generator's reading of the source.
var goTypes = map[string][2]any{
	network.Token:   {network.NetworkArgs{}, network.Network{}},
	webtier.Token:   {webtier.MultiAZWebTierArgs{}, webtier.MultiAZWebTier{}},
	database.Token:  {database.RdsWithReplicasArgs{}, database.RdsWithReplicas{}},
	cdn.Token:       {cdn.StaticAssetsCdnArgs{}, cdn.StaticAssetsCdn{}},
	sessions.Token:  {sessions.SessionTableArgs{}, sessions.SessionTable{}},
	cache.Token:     {cache.CacheClusterArgs{}, cache.CacheCluster{}},
	alerts.Token:    {alerts.AlarmTopicArgs{}, alerts.AlarmTopic{}},
	appconfig.Token: {appconfig.AppConfigArgs{}, appconfig.AppConfig{}},
	waf.Token:       {waf.WebAclArgs{}, waf.WebAcl{}},
	dashboard.Token: {dashboard.DashboardArgs{}, dashboard.Dashboard{}},
}

// schemaSpec is the part of the package schema the tests read.
type schemaSpec struct {
	Resources map[string]struct {
		InputProperties map[string]propertySpec `json:"inputProperties"`
		Properties      map[string]propertySpec `json:"properties"`
	} `json:"resources"`
	Types map[string]struct {
		Properties map[string]propertySpec `json:"properties"`
	} `json:"types"`
}

type propertySpec struct {
	Description string `json:"description"`
	Default     any    `json:"default"`
	Ref         string `json:"$ref"`
	Type        string `json:"type"`
}

// schemaOf is the provider's schema, parsed.
func schemaOf(t *testing.T) schemaSpec {
	t.Helper()
	resp, err := server(t, testkit.NewMocks()).GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var spec schemaSpec
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &spec))
	return spec
}

// TestSchemaCoversEveryGoField: every exported Args field is an input with a description
// (unless the generator skips it with a reason), and every exported output is a property.
func TestSchemaCoversEveryGoField(t *testing.T) {
	spec := schemaOf(t)
	require.Len(t, spec.Resources, len(goTypes))

	skips := map[string]map[string]string{}
	for _, c := range wiregen.Components {
		skips[c.Pkg] = c.Skip
	}
	for token, types := range goTypes {
		res, ok := spec.Resources[token]
		require.True(t, ok, "%s is in the schema under the Go library's token", token)
		args := reflect.TypeOf(types[0])
		for i := range args.NumField() {
			f := args.Field(i)
			if !f.IsExported() {
				continue
			}
			if _, skipped := skips[pkgOf(args)][f.Name]; skipped {
				continue
			}
			prop, ok := res.InputProperties[wiregen.PropertyName(f.Name)]
			if assert.True(t, ok, "%s: input %s (Go %s)", token, wiregen.PropertyName(f.Name), f.Name) {
				assert.NotEmpty(t, prop.Description, "%s: %s has no description", token, f.Name)
			}
		}
		comp := reflect.TypeOf(types[1])
		for i := range comp.NumField() {
			f := comp.Field(i)
			if !f.IsExported() || f.Anonymous || isChildHandle(f.Type) {
				continue
			}
			_, ok := res.Properties[wiregen.PropertyName(f.Name)]
			assert.True(t, ok, "%s: output %s (Go %s)", token, wiregen.PropertyName(f.Name), f.Name)
		}
	}
}

func pkgOf(t reflect.Type) string {
	path := t.PkgPath()
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

// isChildHandle reports the Go-only handles on child resources (*rds.Instance, []*rds.Instance,
// *ec2.Vpc, []pulumi.Resource): a wire format carries values, not resources.
func isChildHandle(t reflect.Type) bool {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct || t == reflect.TypeFor[pulumi.Resource]()
}

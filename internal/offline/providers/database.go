package providers

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// RDS stubs: the identifiers, endpoints and managed secrets the provider computes for
// components/database. Auto-named identifiers are the logical name plus "-mock", lower-cased.
var rdsStubs = []monitor.Stub{
	{Token: "aws:rds/instance:Instance", Outputs: rdsInstanceOutputs},
	{Token: "aws:rds/cluster:Cluster", Outputs: rdsClusterOutputs},
	{Token: "aws:rds/clusterInstance:ClusterInstance", Outputs: rdsClusterInstanceOutputs},
	{Token: "aws:rds/getEngineVersion:getEngineVersion", Invoke: rdsEngineVersion},
	{Token: "aws:rds/subnetGroup:SubnetGroup", Outputs: rdsAutoName},
	{Token: "aws:rds/parameterGroup:ParameterGroup", Outputs: rdsAutoName},
	{Token: "aws:rds/clusterParameterGroup:ClusterParameterGroup", Outputs: rdsAutoName},
}

// rdsAutoName gives a resource the physical name Pulumi auto-naming would.
func rdsAutoName(r monitor.Resource) resource.PropertyMap {
	if r.Has("name") {
		return nil
	}
	return resource.NewPropertyMapFromMap(map[string]any{"name": strings.ToLower(r.Name) + "-mock"})
}

func rdsPort(r monitor.Resource, def float64) float64 {
	if p := r.Number("port"); p != 0 {
		return p
	}
	return def
}

func rdsEnginePort(engine string) float64 {
	if strings.Contains(engine, "mysql") {
		return 3306
	}
	return 5432
}

func rdsManagedSecret(r monitor.Resource, kind, id string) []any {
	if !r.Bool("manageMasterUserPassword") {
		return []any{}
	}
	return []any{map[string]any{
		"secretArn":    "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!" + kind + "-" + id + "-AbCdEf",
		"secretStatus": "active",
		"kmsKeyId":     "arn:aws:kms:us-east-1:123456789012:key/aws-secretsmanager",
	}}
}

func rdsInstanceOutputs(r monitor.Resource) resource.PropertyMap {
	id := r.String("identifier")
	if id == "" {
		id = strings.ToLower(r.Name) + "-mock"
	}
	port := rdsPort(r, rdsEnginePort(r.String("engine")))
	address := id + ".c0ffee.us-east-1.rds.amazonaws.com"
	return resource.NewPropertyMapFromMap(map[string]any{
		"identifier":        id,
		"address":           address,
		"endpoint":          address + ":" + strings.TrimSuffix(resource.NewProperty(port).String(), ".0"),
		"port":              port,
		"masterUserSecrets": rdsManagedSecret(r, "db", id),
		"arn":               "arn:aws:rds:us-east-1:123456789012:db:" + id,
		"resourceId":        rdsResourceID("db-", r.Name),
	})
}

func rdsClusterOutputs(r monitor.Resource) resource.PropertyMap {
	id := r.String("clusterIdentifier")
	if id == "" {
		id = strings.ToLower(r.Name) + "-mock"
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"clusterIdentifier": id,
		"endpoint":          id + ".cluster-c0ffee.us-east-1.rds.amazonaws.com",
		"readerEndpoint":    id + ".cluster-ro-c0ffee.us-east-1.rds.amazonaws.com",
		"port":              rdsPort(r, rdsEnginePort(r.String("engine"))),
		"masterUserSecrets": rdsManagedSecret(r, "cluster", id),
		"arn":               "arn:aws:rds:us-east-1:123456789012:cluster:" + id,
		"clusterResourceId": rdsResourceID("cluster-", r.Name),
	})
}

func rdsClusterInstanceOutputs(r monitor.Resource) resource.PropertyMap {
	id := r.String("identifier")
	if id == "" {
		id = strings.ToLower(r.Name) + "-mock"
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"identifier": id,
		"endpoint":   id + ".c0ffee.us-east-1.rds.amazonaws.com",
		"writer":     r.Number("promotionTier") == 0,
	})
}

// rdsResourceID stands in for the immutable resource ID RDS gives an instance ("db-…") or a
// cluster ("cluster-…"): 26 upper-case characters derived from the logical name.
func rdsResourceID(prefix, name string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return prefix + strings.ToUpper(fmt.Sprintf("%026x", h.Sum64()))
}

// RdsDefaultMinorVersions are the default minor versions the getEngineVersion stub answers for a
// parameter group family with defaultOnly, as DescribeDBEngineVersions --default-only does.
var RdsDefaultMinorVersions = map[string]string{
	"aurora-postgresql16": "16.8",
	"aurora-postgresql17": "17.4",
	"aurora-mysql8.0":     "8.0.mysql_aurora.3.08.2",
}

// rdsEngineVersion answers rds.getEngineVersion for a major version with defaultOnly; anything
// else fails, so a new kind of lookup gets a deliberate stub.
func rdsEngineVersion(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	str := func(k resource.PropertyKey) string {
		if v, ok := args[k]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	defaultOnly := args["defaultOnly"]
	actual, ok := RdsDefaultMinorVersions[str("parameterGroupFamily")]
	if !ok || !defaultOnly.IsBool() || !defaultOnly.BoolValue() {
		return nil, fmt.Errorf("providers: the getEngineVersion stub answers defaultOnly lookups of %v only", RdsDefaultMinorVersions)
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"engine":               str("engine"),
		"version":              str("version"),
		"versionActual":        actual,
		"parameterGroupFamily": str("parameterGroupFamily"),
	}), nil
}

package tests

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// RDS stubs: the identifiers, endpoints and managed secrets the provider computes for
// components/database. Auto-named identifiers are the logical name plus "-mock", lower-cased.
func init() {
	DefaultOutputStubs["aws:rds/instance:Instance"] = rdsInstanceOutputs
	DefaultOutputStubs["aws:rds/cluster:Cluster"] = rdsClusterOutputs
	DefaultOutputStubs["aws:rds/clusterInstance:ClusterInstance"] = rdsClusterInstanceOutputs
	for _, typ := range []string{
		"aws:rds/subnetGroup:SubnetGroup",
		"aws:rds/parameterGroup:ParameterGroup",
		"aws:rds/clusterParameterGroup:ClusterParameterGroup",
	} {
		DefaultOutputStubs[typ] = rdsAutoName
	}
}

// rdsAutoName gives a resource the physical name Pulumi auto-naming would.
func rdsAutoName(r Resource) resource.PropertyMap {
	if r.Has("name") {
		return nil
	}
	return resource.NewPropertyMapFromMap(map[string]any{"name": strings.ToLower(r.Name) + "-mock"})
}

func rdsPort(r Resource, def float64) float64 {
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

func rdsManagedSecret(r Resource, kind, id string) []any {
	if !r.Bool("manageMasterUserPassword") {
		return []any{}
	}
	return []any{map[string]any{
		"secretArn":    "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!" + kind + "-" + id + "-AbCdEf",
		"secretStatus": "active",
		"kmsKeyId":     "arn:aws:kms:us-east-1:123456789012:key/aws-secretsmanager",
	}}
}

func rdsInstanceOutputs(r Resource) resource.PropertyMap {
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
	})
}

func rdsClusterOutputs(r Resource) resource.PropertyMap {
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
	})
}

func rdsClusterInstanceOutputs(r Resource) resource.PropertyMap {
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

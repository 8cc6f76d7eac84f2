// Package wiregen derives the multi-language wire form of tenk's components from the Go library's
// source: one wire struct per Args type with `pulumi` tags, descriptions and defaults from the Go
// doc comments, one output struct per component, and one conversion to the Go Args. The Go Args
// stay the only place a field is declared; a new field that the generator cannot map fails the
// golden test until it is mapped or skipped here with a reason.
package wiregen

// Component names one Go component and the wire decisions the Go source cannot express.
type Component struct {
	// Pkg is the package under components/ ("network").
	Pkg string
	// Args and Resource are the Go type names; Constructor builds the component.
	Args, Resource, Constructor string
	// Required are the Go Args fields the component cannot be built without (the Go Validate
	// rejects them missing); they are required properties in the schema.
	Required []string
	// KnownLists are plain Go []string fields that callers wire from another component's outputs
	// (the network's AZ names): on the wire they are inputs, resolved when the component is built.
	KnownLists []string
	// PerAZLists are the []pulumi.StringInput fields holding one ID per AZ (subnets): while one
	// is an unknown output (a preview before the network exists) the AZ count sizes it.
	PerAZLists []string
	// CountFrom is the KnownLists field whose length sizes an ID list whose value is not known
	// yet (a preview before the network exists). Empty: the wire gains availabilityZoneCount.
	CountFrom string
	// Skip are Go Args fields not carried on the wire, each with the reason (documented).
	Skip map[string]string
}

const providerOption = "providers are passed with the resource option `providers` (a multi-language component takes no provider argument)"

// Components are every component the package serves, in schema order.
var Components = []Component{
	{Pkg: "network", Args: "NetworkArgs", Resource: "Network", Constructor: "NewNetwork"},
	{Pkg: "webtier", Args: "MultiAZWebTierArgs", Resource: "MultiAZWebTier", Constructor: "NewMultiAZWebTier",
		Required: []string{"VpcID", "InstanceSubnetIDs"}, PerAZLists: []string{"InstanceSubnetIDs", "LoadBalancerSubnetIDs"}},
	{Pkg: "database", Args: "RdsWithReplicasArgs", Resource: "RdsWithReplicas", Constructor: "NewRdsWithReplicas",
		Required: []string{"VpcID", "SubnetIDs", "AvailabilityZones"}, KnownLists: []string{"AvailabilityZones"}, CountFrom: "AvailabilityZones",
		PerAZLists: []string{"SubnetIDs"}},
	{Pkg: "cdn", Args: "StaticAssetsCdnArgs", Resource: "StaticAssetsCdn", Constructor: "NewStaticAssetsCdn",
		Skip: map[string]string{"UsEast1Provider": "a provider cannot cross the wire: the component makes its us-east-1 provider from the stack's `aws:` settings, and refuses a caller's provider outside us-east-1 (it cannot tell which account that provider acts for)"}},
	{Pkg: "sessions", Args: "SessionTableArgs", Resource: "SessionTable", Constructor: "NewSessionTable"},
	{Pkg: "cache", Args: "CacheClusterArgs", Resource: "CacheCluster", Constructor: "NewCacheCluster",
		Required: []string{"VpcID", "SubnetIDs", "AvailabilityZones"}, KnownLists: []string{"AvailabilityZones"}, CountFrom: "AvailabilityZones",
		PerAZLists: []string{"SubnetIDs"}},
	{Pkg: "alerts", Args: "AlarmTopicArgs", Resource: "AlarmTopic", Constructor: "NewAlarmTopic"},
	{Pkg: "appconfig", Args: "AppConfigArgs", Resource: "AppConfig", Constructor: "NewAppConfig",
		Required: []string{"Prefix"},
		Skip:     map[string]string{"ReadyAfter": "a resource cannot cross the wire: give the component the `dependsOn` resource option instead; every child, the ready marker included, then waits for those resources"}},
	{Pkg: "dashboard", Args: "DashboardArgs", Resource: "Dashboard", Constructor: "NewDashboard",
		Required: []string{"Region"}},
	{Pkg: "waf", Args: "WebAclArgs", Resource: "WebAcl", Constructor: "NewWebAcl",
		Skip: map[string]string{"UsEast1Provider": providerOption + ": give a us-east-1 provider as the `aws` provider of the component (CLOUDFRONT web ACLs live in us-east-1)"}},
}

module github.com/tenkstack/tenk/provider

go 1.26.6

require (
	github.com/tenkstack/tenk v0.0.0
	github.com/pulumi/pulumi-go-provider v1.5.0
	github.com/pulumi/pulumi/pkg/v3 v3.256.0
)

replace github.com/tenkstack/tenk => ../

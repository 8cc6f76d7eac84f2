package plan_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
	"github.com/tenkstack/tenk/internal/plan"
)

// classifiedStacks are every shape the repository deploys: both stack files, every e2e variant
// (applied on top of the dev stack file, as the acceptance test configures its stack), the
// network without NAT (interface endpoints), and an application image and build.
func classifiedStacks(t *testing.T) map[string]plan.Options {
	t.Helper()
	out := map[string]plan.Options{
		"dev":  {Root: "../..", Stack: "dev"},
		"prod": {Root: "../..", Stack: "prod"},
		"prod natGateways none": {Root: "../..", Stack: "prod", Overrides: map[string]string{
			"tenk:network": `{"natGateways":"none"}`,
		}},
		// The application: an image from ECR, and one built from the reference application.
		"dev ECR image natGateways none": {Root: "../..", Stack: "dev", Overrides: map[string]string{
			"tenk:network": `{"natGateways":"none"}`, "tenk:app": `{"image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v1"}`,
		}},
		"prod build": {Root: "../..", Stack: "prod", Overrides: map[string]string{"tenk:app": `{"build":"app"}`}},
	}
	for _, name := range e2e.VariantNames() {
		entries, _ := e2e.StackConfig(e2e.Settings{
			Variant: e2e.Variant(name), Stack: "e2e-cost", Region: "us-east-1",
			Domain: "e2e.example.com", HostedZoneID: "Z0123456789",
		})
		cfg, err := e2e.ProgramConfig(entries)
		require.NoError(t, err)
		out["e2e "+name] = plan.Options{Root: "../..", Stack: "dev", Overrides: cfg}
	}
	return out
}

// TestEveryRegisteredTypeHasACostClass: every AWS resource type any stack shape registers is
// priced, usage-based or free, so the estimate never prices a new type at $0 by omission.
func TestEveryRegisteredTypeHasACostClass(t *testing.T) {
	for name, opts := range classifiedStacks(t) {
		t.Run(name, func(t *testing.T) {
			p, err := plan.FromStack(opts)
			require.NoError(t, err)
			require.NotEmpty(t, p.Resources)
			for _, r := range p.Resources {
				if r.Type == "pulumi:providers:aws" {
					continue
				}
				_, ok := plan.ClassOf(r.Type)
				assert.True(t, ok, "%s (%s) has no cost class: add it to internal/plan/classify.go", r.Type, r.Name)
			}
		})
	}
}

// TestUnclassifiedTypeFailsTheEstimate: a type no rule, usage list or free list names fails the
// plan with the type, the resource and the file to add it to, instead of costing $0.
func TestUnclassifiedTypeFailsTheEstimate(t *testing.T) {
	c := webApp()
	net := c.component("tenk:network:Network", "extra")
	c.custom(net, "aws:ec2/transitGateway:TransitGateway", "extra-tgw", map[string]any{})
	_, err := c.tryBuild()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:ec2/transitGateway:TransitGateway (extra-tgw) has no cost class")
	assert.Contains(t, err.Error(), "internal/plan/classify.go")
}

// TestClassesAreExclusive: a type is in at most one of the usage and free lists, and never free
// while a rule prices it.
func TestClassesAreExclusive(t *testing.T) {
	for typ := range plan.FreeTypes() {
		class, ok := plan.ClassOf(typ)
		require.True(t, ok)
		assert.Equal(t, plan.Free, class, "%s is in freeTypes but also priced or usage-based", typ)
	}
}

package plan_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
	"github.com/tenkstack/tenk/internal/testkit"
)

func TestTreeCountsAndKeySettings(t *testing.T) {
	p := webApp().build(t)
	require.Len(t, p.Components, 5)
	var db *plan.Component
	for i := range p.Components {
		if p.Components[i].Name == "app-db" {
			db = &p.Components[i]
		}
	}
	require.NotNil(t, db)
	assert.Equal(t, 7, db.Total)
	assert.Equal(t, 3, db.Counts["aws:rds/instance:Instance"])
	for _, r := range p.Resources {
		if r.Name == "app-db-primary" {
			assert.Contains(t, r.Settings, plan.Setting{Name: "multiAz", Value: "true"})
			assert.Contains(t, r.Settings, plan.Setting{Name: "class", Value: "db.r7g.large"})
			assert.True(t, r.Stateful)
		}
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	raw := resource.PropertyMap{
		"password": resource.MakeSecret(resource.NewProperty("hunter2")),
		"pending":  resource.MakeComputed(resource.NewProperty("")),
		"name":     resource.NewProperty("x"),
	}
	regs := []testkit.Resource{{URN: "urn:pulumi:test::tenk::aws:secretsmanager/secretVersion:SecretVersion::v", Type: "aws:secretsmanager/secretVersion:SecretVersion", Name: "v", Custom: true, Raw: raw}}
	prices, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	p, err := plan.Build(plan.Meta{Stack: "test", Region: "us-east-1"}, regs, prices)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"password": plan.SecretValue, "pending": plan.UnknownValue, "name": "x"}, p.Resources[0].Inputs)
}

func TestDiagramHasSecurityGroupEdges(t *testing.T) {
	d := webApp().build(t).Diagram
	assert.Contains(t, d, "flowchart LR\n")
	assert.Contains(t, d, `subgraph c_app_db["RdsWithReplicas app-db"]`)
	assert.Contains(t, d, `r_app_db_primary[("RDS app-db-primary<br/>db.r7g.large · postgres · Multi-AZ")]`)
	assert.Contains(t, d, `cidr_0_0_0_0_0(["internet 0.0.0.0/0"])`)
	assert.Contains(t, d, `cidr_0_0_0_0_0 -- "tcp 443" --> r_app_web_alb_sg`)
	assert.Contains(t, d, `r_app_web_alb_sg -- "tcp 8080" --> r_app_web_instance_sg`)
	assert.Contains(t, d, `r_app_web_instance_sg -- "tcp 5432" --> r_app_db_sg`)
	assert.Contains(t, d, `r_app_db_sg -.- r_app_db_primary`)
	assert.Contains(t, d, `r_app_web_instance_sg -.- r_app_web_asg`, "through the launch template")
}

package database_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance for an RDS instance with replicas
// and for Aurora, with database's import budget.
func TestConformance(t *testing.T) {
	for _, engine := range []database.Engine{database.EnginePostgres, database.EngineAuroraPostgres} {
		t.Run(string(engine), func(t *testing.T) {
			conformance.Check(t, conformance.Component{
				Token: database.Token,
				New: func(ctx *pulumi.Context, name string, replicas int, opts ...pulumi.ResourceOption) error {
					args := prodArgs(replicas)
					args.Engine = engine
					_, err := database.NewRdsWithReplicas(ctx, name, args, opts...)
					return err
				},
				Counts:  [2]int{1, 2},
				Budget:  conformance.Budget{AWS: []string{"cloudwatch", "ec2", "iam", "rds", "secretsmanager", "vpc"}},
				Outputs: &database.RdsWithReplicas{},
			})
		})
	}
}

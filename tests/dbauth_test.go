package tests_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/stacks"
)

// The stacks let the web role sign in to the database as stacks.DatabaseIAMUser with IAM tokens,
// on every instance (each has its own resource ID), and tell the instances so.
func TestWebRoleMayConnectToTheDatabaseAsTheAppUser(t *testing.T) {
	for stack, instances := range map[string]int{"dev": 1, "prod": 3} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			policy, ok := m.Named("aws:iam/rolePolicy:RolePolicy", "tenk-db-web-connect")
			require.True(t, ok)
			assert.Equal(t, webRole(t, m), policy.String("role"))
			var doc struct {
				Statement []struct {
					Effect, Action string
					Resource       []string
				}
			}
			require.NoError(t, json.Unmarshal([]byte(policy.String("policy")), &doc))
			require.Len(t, doc.Statement, 1)
			st := doc.Statement[0]
			assert.Equal(t, "Allow", st.Effect)
			assert.Equal(t, "rds-db:connect", st.Action)
			require.Len(t, st.Resource, instances, "the primary and every replica")
			for _, r := range st.Resource {
				assert.Regexp(t, `^arn:aws:rds-db:us-east-1:`+providers.MockAccountID+`:dbuser:db-[0-9A-F]+/`+stacks.DatabaseIAMUser+`$`, r)
			}
			for _, inst := range m.ByType("aws:rds/instance:Instance") {
				assert.True(t, inst.Bool("iamDatabaseAuthenticationEnabled"), inst.Name)
			}
			for key, want := range map[string]string{"DB_IAM_AUTH": "true", "DB_IAM_USER": stacks.DatabaseIAMUser} {
				p, ok := m.Named("aws:ssm/parameter:Parameter", "tenk-app-"+key)
				require.True(t, ok, key)
				assert.Equal(t, want, p.String("value"), key)
			}
		})
	}
}

package sdkcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestExplainNamesLineAndProperty: a checker's diagnostic is reported at the example line with
// the component and the schema property, map keys under their property.
func TestExplainNamesLineAndProperty(t *testing.T) {
	ts := TypeScript("examples/typescript/index.ts", "const web = 1;\n\nnew tenk.app.AppConfig(\"app\", {\n    settings: {\n        DB_HOST: db.writerEndpoint,\n    },\n    roles: [web.instanceRoleName],\n});\n")
	got := ExplainTsc(ts, "index.ts", "index.ts(5,9): error TS2322: Type 'Output<string>' is not assignable to type 'string'.\nindex.ts(7,5): error TS2322: x\nsdks/x.ts(1,1): error TS1: y\n")
	assert.Equal(t, []string{
		"examples/typescript/index.ts:5: tenk:app:AppConfig property settings.DB_HOST: TS2322: Type 'Output<string>' is not assignable to type 'string'.",
		"examples/typescript/index.ts:7: tenk:app:AppConfig property roles: TS2322: x",
		"sdks/x.ts(1,1): error TS1: y",
	}, got)

	py := Python("examples/python/__main__.py", "db = 1\ntenk.database.RdsWithReplicas(\n    \"db\",\n    allowed_security_group_ids=[web.instance_security_group_id],\n)\n")
	assert.Equal(t, "examples/python/__main__.py:4: tenk:database:RdsWithReplicas property allowedSecurityGroupIds", py.At(4))
	assert.Equal(t, "examples/python/__main__.py:1", py.At(1), "outside a tenk call")
}

package network_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEmbeddingStaysCheap keeps components/network from compiling the AWS service packages of the
// other tiers: embedding one component must not cost the whole pulumi-aws SDK.
func TestEmbeddingStaysCheap(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/tenkstack/tenk/components/network").CombinedOutput()
	require.NoError(t, err, string(out))
	deps := strings.Fields(string(out))
	const aws = "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/"
	allowed := map[string]bool{"ec2": true, "cloudwatch": true, "iam": true, "internal": true}
	var imported []string
	for _, d := range deps {
		if rest, ok := strings.CutPrefix(d, aws); ok {
			imported = append(imported, rest)
			require.True(t, allowed[strings.SplitN(rest, "/", 2)[0]], "components/network imports %s%s", aws, rest)
		}
		// Shared helpers under components/internal are fine: their AWS imports are checked above.
		if d != "github.com/tenkstack/tenk/components/network" && !strings.HasPrefix(d, "github.com/tenkstack/tenk/components/internal/") {
			require.NotContains(t, d, "github.com/tenkstack/tenk/components/", "network must not import another component")
		}
	}
	require.Contains(t, imported, "ec2")
}

package providers

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// Stubs for components/appimage: the ECR repository's URL and registry, the registry login the
// build uses, and the digest the docker-build provider reports after pushing.
var appimageStubs = []monitor.Stub{
	{Token: "aws:ecr/repository:Repository", Outputs: func(r monitor.Resource) resource.PropertyMap {
		name := r.String("name")
		if name == "" {
			name = strings.ToLower(r.Name) + "-1a2b3c4"
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"name":          name,
			"registryId":    MockAccountID,
			"repositoryUrl": MockAccountID + ".dkr.ecr.us-east-1.amazonaws.com/" + name,
			"arn":           "arn:aws:ecr:us-east-1:" + MockAccountID + ":repository/" + name,
		})
	}},
	{Token: "aws:ecr/getAuthorizationToken:getAuthorizationToken", Invoke: func(*monitor.Mocks, resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.NewPropertyMapFromMap(map[string]any{
			"id": MockAccountID, "userName": "AWS", "password": "mock-ecr-password",
			"authorizationToken": "QVdTOm1vY2stZWNyLXBhc3N3b3Jk", "expiresAt": "2030-01-01T00:00:00Z",
			"proxyEndpoint": "https://" + MockAccountID + ".dkr.ecr.us-east-1.amazonaws.com",
		}), nil
	}},
	{Token: "docker-build:index:Image", Outputs: func(r monitor.Resource) resource.PropertyMap {
		tags := r.Strings("tags")
		return resource.NewPropertyMapFromMap(map[string]any{
			"digest":      MockBuildDigest(tags),
			"contextHash": "mock-context-hash",
		})
	}},
}

// MockBuildDigest is the digest a mocked build of tags reports.
func MockBuildDigest(tags []string) string {
	return fmt.Sprintf("sha256:%x", sha256.Sum256([]byte(strings.Join(tags, ","))))
}

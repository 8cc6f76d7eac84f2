package cdn

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBehaviorsWithoutDynamicOrigin(t *testing.T) {
	def, ordered := behaviors(false, []string{"/static/*"}, false)
	assert.Empty(t, ordered, "the bucket is the only behaviour")
	assert.Equal(t, behavior{
		OriginID:       bucketOriginID,
		CachePolicyID:  CachingOptimizedPolicyID,
		AllowedMethods: []string{"GET", "HEAD"},
		CachedMethods:  []string{"GET", "HEAD"},
	}, def)
}

func TestBehaviorsWithDynamicOrigin(t *testing.T) {
	def, ordered := behaviors(true, []string{"/static/*", "/img/*"}, false)
	assert.Equal(t, dynamicOriginID, def.OriginID)
	assert.Equal(t, CachingDisabledPolicyID, def.CachePolicyID)
	assert.Equal(t, AllViewerExceptHostHeaderPolicyID, def.OriginRequestPolicyID)
	assert.Contains(t, def.AllowedMethods, "POST")
	assert.Equal(t, []string{"GET", "HEAD"}, def.CachedMethods)

	if assert.Len(t, ordered, 2) {
		for i, p := range []string{"/static/*", "/img/*"} {
			assert.Equal(t, p, ordered[i].PathPattern)
			assert.Equal(t, bucketOriginID, ordered[i].OriginID)
			assert.Equal(t, CachingOptimizedPolicyID, ordered[i].CachePolicyID)
			assert.Empty(t, ordered[i].OriginRequestPolicyID)
		}
	}
}

func TestBehaviorsWithCors(t *testing.T) {
	def, ordered := behaviors(true, []string{"/static/*"}, true)
	assert.Equal(t, CachingDisabledPolicyID, def.CachePolicyID, "CORS changes only the bucket's behaviours")
	assert.Empty(t, ordered[0].CachePolicyID, "the component's CORS cache policy")
	assert.Equal(t, CORSS3OriginPolicyID, ordered[0].OriginRequestPolicyID)
	assert.Equal(t, []string{"GET", "HEAD", "OPTIONS"}, ordered[0].AllowedMethods)

	static, _ := behaviors(false, nil, true)
	assert.Equal(t, CORSS3OriginPolicyID, static.OriginRequestPolicyID)
}

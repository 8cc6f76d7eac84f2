package providers

import (
	"encoding/base64"
	"encoding/hex"
	"hash/fnv"
	"math/big"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

var randomStubs = []monitor.Stub{
	{Token: "random:index/randomPassword:RandomPassword", Outputs: randomPasswordOutputs},
	{Token: "random:index/randomId:RandomId", Outputs: randomIDOutputs},
}

// randomDefaultSpecials are pulumi-random's specials when overrideSpecial is not set.
const randomDefaultSpecials = "!@#$%&*()-_=+[]{}<>:?"

// randomPasswordOutputs stands in for pulumi-random's generated password: a deterministic
// `result` of the requested length that draws only from the character classes the inputs allow
// (overrideSpecial replacing the default specials), cycling through them so each class appears.
func randomPasswordOutputs(r monitor.Resource) resource.PropertyMap {
	length := int(r.Number("length"))
	if length <= 0 {
		length = 16
	}
	enabled := func(path string) bool {
		v, ok := r.Get(path)
		if !ok {
			return true // pulumi-random's default for upper, lower, numeric and special
		}
		b, _ := v.(bool)
		return b
	}
	var classes []string
	if enabled("upper") {
		classes = append(classes, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	}
	if enabled("lower") {
		classes = append(classes, "abcdefghijklmnopqrstuvwxyz")
	}
	if enabled("numeric") {
		classes = append(classes, "0123456789")
	}
	if enabled("special") {
		specials := randomDefaultSpecials
		if r.Has("overrideSpecial") {
			specials = r.String("overrideSpecial")
		}
		if specials != "" {
			classes = append(classes, specials)
		}
	}
	if len(classes) == 0 {
		classes = []string{"abcdefghijklmnopqrstuvwxyz"}
	}
	var b strings.Builder
	for i := 0; i < length; i++ {
		class := classes[i%len(classes)]
		b.WriteByte(class[(i/len(classes))%len(class)])
	}
	return resource.PropertyMap{"result": resource.NewProperty(b.String())}
}

// randomIDOutputs stands in for pulumi-random's RandomId: byteLength bytes derived from the
// logical name (so two IDs differ but every run agrees), in hex, URL-safe base64 and decimal.
func randomIDOutputs(r monitor.Resource) resource.PropertyMap {
	n := int(r.Number("byteLength"))
	if n <= 0 {
		n = 8
	}
	bytes := make([]byte, 0, n)
	for i := 0; len(bytes) < n; i++ {
		h := fnv.New64a()
		_, _ = h.Write([]byte{byte(i)})
		_, _ = h.Write([]byte(r.Name))
		bytes = h.Sum(bytes)
	}
	bytes = bytes[:n]
	prefix := r.String("prefix")
	return resource.PropertyMap{
		"hex":    resource.NewProperty(prefix + hex.EncodeToString(bytes)),
		"b64Url": resource.NewProperty(prefix + base64.RawURLEncoding.EncodeToString(bytes)),
		"b64Std": resource.NewProperty(prefix + base64.StdEncoding.EncodeToString(bytes)),
		"dec":    resource.NewProperty(prefix + new(big.Int).SetBytes(bytes).String()),
	}
}

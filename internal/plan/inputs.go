package plan

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/tests"
)

// Markers that stand in for values a plan must not or cannot show.
const (
	SecretValue  = "[secret]"
	UnknownValue = "[unknown]"
)

// inputsOf converts a registration's raw inputs to plain values for the plan: unlike
// tests.Plain, secrets are redacted (plans are posted on pull requests) and unknowns are kept as
// a marker so a diff shows them.
func inputsOf(r tests.Resource) map[string]any {
	if r.Raw == nil {
		return r.Inputs
	}
	return plainMap(r.Raw)
}

func plainMap(pm resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(pm))
	for k, v := range pm {
		if p := plainValue(v); p != nil {
			out[string(k)] = p
		}
	}
	return out
}

func plainValue(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsComputed():
		return UnknownValue
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret {
			return SecretValue
		}
		if !o.Known {
			return UnknownValue
		}
		return plainValue(o.Element)
	case v.IsSecret():
		return SecretValue
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, 0, len(arr))
		for _, item := range arr {
			out = append(out, plainValue(item))
		}
		return out
	case v.IsObject():
		return plainMap(v.ObjectValue())
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsAsset():
		a := v.AssetValue()
		if a.Text != "" {
			return a.Text
		}
		return a.Path
	case v.IsArchive():
		return "[archive]"
	default:
		return fmt.Sprint(v.V)
	}
}

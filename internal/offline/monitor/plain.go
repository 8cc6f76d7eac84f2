package monitor

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Plain converts a property map into Go values: secrets unwrapped, unknowns dropped, resource
// references replaced by their URN.
func Plain(pm resource.PropertyMap) map[string]any { return PlainWith(pm, Markers{}) }

// Markers say how PlainWith shows the values a plain map cannot hold as they are.
type Markers struct {
	// Secret replaces every secret value; nil unwraps secrets.
	Secret any
	// Unknown stands for a value not known yet; nil leaves such keys out.
	Unknown any
}

// PlainWith converts a property map into Go values, showing secrets and unknowns as markers says.
func PlainWith(pm resource.PropertyMap, markers Markers) map[string]any {
	out := make(map[string]any, len(pm))
	for k, v := range pm {
		if p := plainValue(v, markers); p != nil {
			out[string(k)] = p
		}
	}
	return out
}

func plainValue(v resource.PropertyValue, markers Markers) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsComputed():
		return markers.Unknown
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret && markers.Secret != nil {
			return markers.Secret
		}
		if !o.Known {
			return markers.Unknown
		}
		return plainValue(o.Element, markers)
	case v.IsSecret():
		if markers.Secret != nil {
			return markers.Secret
		}
		return plainValue(v.SecretValue().Element, markers)
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
			out = append(out, plainValue(item, markers))
		}
		return out
	case v.IsObject():
		return PlainWith(v.ObjectValue(), markers)
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

package wiregen

import (
	"fmt"
	"go/format"
)

func formatSource(src string) ([]byte, error) {
	out, err := format.Source([]byte(src))
	if err != nil {
		return nil, fmt.Errorf("formatting generated code: %w\n%s", err, src)
	}
	return out, nil
}

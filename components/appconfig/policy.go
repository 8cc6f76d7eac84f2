package appconfig

import "github.com/tenkstack/tenk/components/internal/iampolicy"

// readPolicy is the read policy's document: GetParameter(s) on every parameter under prefix,
// GetParametersByPath on the path (ReadResources), and the secrets' values when there are any.
func readPolicy(parameterArnPrefix, prefix string, secretArns []string) iampolicy.Document {
	byPath, parameters := ReadResources(parameterArnPrefix, prefix)
	doc := iampolicy.New(
		iampolicy.Allow("ReadSettings", []string{"ssm:GetParameter", "ssm:GetParameters"}, parameters),
		iampolicy.Allow("ReadSettingsByPath", "ssm:GetParametersByPath", byPath),
	)
	if len(secretArns) > 0 {
		doc.Statement = append(doc.Statement, iampolicy.ReadSecrets("ReadSecrets", secretArns...))
	}
	return doc
}

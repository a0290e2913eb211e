namespace PenToscana.Modules.Invoicing.Engine;

public enum IssueSeverity
{
    Error,
    Warning,
}

/// <summary>One finding: the SdI check code (e.g. "00422"), an Italian message and the XPath of the offending element.</summary>
public sealed record ValidationIssue(string Code, string Message, string Path, IssueSeverity Severity = IssueSeverity.Error)
{
    public override string ToString() => $"{Code} {Path}: {Message}";
}

namespace PenToscana.Modules.Invoicing.Engine;

public sealed class ValidationReport
{
    public required InvoiceFacts Facts { get; init; }

    public required IReadOnlyList<ValidationIssue> Issues { get; init; }

    public EnvelopeKind Envelope { get; init; }

    public SignatureInfo? Signature { get; init; }

    public string? Encoding { get; init; }

    /// <summary>The XML content (unwrapped from a .p7m when it was one), for storage and rendering.</summary>
    public byte[]? Xml { get; init; }

    public bool IsValid => !Issues.Any(i => i.Severity == IssueSeverity.Error);

    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);
}

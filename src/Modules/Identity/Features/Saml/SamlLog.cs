using System.Xml;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>Writes the SPID transaction register (log.rst): each message with its identifying fields, kept 24 months.</summary>
internal sealed class SamlLog(IdentityDb db, TimeProvider time)
{
    public static readonly int RetentionMonths = 24;

    /// <summary>Adds an entry; the caller saves it with its own change (or calls <see cref="SaveAsync"/>).</summary>
    public SamlMessageLog Add(string kind, string xml, string outcome, string? idpEntityId, SamlIdentity? identity = null, string? taxCode = null)
    {
        var now = time.GetUtcNow();
        string? id = null, inResponseTo = null, issuer = null;
        DateTimeOffset? issueInstant = null;
        try
        {
            var root = SamlXml.Load(xml).DocumentElement!;
            id = Cut(root.Attr("ID"), 200);
            inResponseTo = Cut(root.Attr("InResponseTo"), 200);
            issueInstant = SamlXml.ParseInstant(root.Attr("IssueInstant"));
            issuer = Cut(root.Child(SamlNames.Assertion, "Issuer")?.InnerText.Trim(), 500);
        }
        catch (XmlException)
        {
            // Unparseable input is kept as received: it is evidence too.
        }

        var entry = new SamlMessageLog
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            Kind = kind,
            MessageId = id,
            InResponseTo = inResponseTo,
            IssueInstant = issueInstant,
            Issuer = issuer,
            IdpEntityId = Cut(idpEntityId, 500),
            AssertionId = Cut(identity?.AssertionId, 200),
            NameId = Cut(identity?.NameId, 200),
            NameQualifier = Cut(identity?.NameQualifier, 500),
            TaxCode = taxCode,
            Outcome = Cut(outcome, 500)!,
            Xml = xml,
            KeepUntil = now.AddMonths(RetentionMonths),
        };
        db.SamlMessageLogs.Add(entry);
        return entry;
    }

    public Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

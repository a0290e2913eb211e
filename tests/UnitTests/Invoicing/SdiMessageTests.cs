using System.Text;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Invoicing;

public sealed class SdiMessageTests
{
    [Fact]
    public void The_official_outcome_sample_conforms_to_MessaggiTypes()
    {
        var sample = File.ReadAllBytes(Path.Combine(Samples.Folder, "notifications", "IT01234567890_11111_EC_001.xml"));
        SdiMessages.Validate(sample).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "Omessa o errata indicazione del CIG o del CUP: il CIG indicato non corrisponde al contratto")]
    public void A_written_outcome_conforms_to_MessaggiTypes_and_carries_the_invoice_reference(bool accepted, string? description)
    {
        var message = SdiMessages.NotificaEsitoCommittente("100000001", "123", 2026, 2, accepted, description, "a1b2c3");
        SdiMessages.Validate(message).ShouldBeEmpty();
        var text = Encoding.UTF8.GetString(message);
        text.ShouldContain(accepted ? "<Esito>EC01</Esito>" : "<Esito>EC02</Esito>");
        text.ShouldContain("<PosizioneFattura>2</PosizioneFattura>");
    }

    [Fact]
    public void A_message_breaking_the_schema_is_reported()
    {
        var message = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SdiMessages.NotificaEsitoCommittente("100000001", "123", 2026, 1, true, null, "x"))
            .Replace("EC01", "EC09", StringComparison.Ordinal));
        SdiMessages.Validate(message).ShouldNotBeEmpty();
    }
}

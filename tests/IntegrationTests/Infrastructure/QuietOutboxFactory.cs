namespace PenToscana.IntegrationTests.Infrastructure;

/// <summary>
/// A platform with no background outbox delivery and no scheduled jobs: what is in an outbox after a request is what that
/// request left there, and a test that delivers drives the processor itself.
/// </summary>
public class QuietOutboxFactory : PlatformFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Outbox:Enabled"] = "false", ["Jobs:Enabled"] = "false" };
}

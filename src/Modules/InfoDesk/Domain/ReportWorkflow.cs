namespace PenToscana.Modules.InfoDesk.Domain;

/// <summary>The state machine of a report: which moves an operator may make from each state.</summary>
internal static class ReportWorkflow
{
    public static bool IsOpen(ReportState state) => state is not (ReportState.Closed or ReportState.Rejected);

    public static bool CanMove(ReportState from, ReportState to) => (from, to) switch
    {
        (ReportState.Closed, ReportState.InProgress) => true, // reopening
        (ReportState.Closed, _) or (ReportState.Rejected, _) => false,
        (_, ReportState.Received) => false,
        var (f, t) when f == t => false,
        _ => true,
    };

    /// <summary>Open311 knows two statuses only.</summary>
    public static string Open311Status(ReportState state) => IsOpen(state) ? "open" : "closed";
}

namespace PenToscana.Kernel.Tenancy;

/// <summary>
/// Per-request (scoped) statement of which public bodies' rows may be read. Set once from the signed-in
/// operator's grants; background work that spans bodies runs with <see cref="VisibleBodies"/> null.
/// Business rows are filtered by it by default, so a handler cannot forget it.
/// </summary>
public sealed class BodyScope
{
    private IReadOnlyCollection<Guid>? visible;
    private bool restricted;

    /// <summary><c>null</c>: no restriction (system work). Otherwise the bodies visible in this scope.</summary>
    public IReadOnlyCollection<Guid>? VisibleBodies => restricted ? visible : null;

    public void RestrictTo(IEnumerable<Guid> bodies)
    {
        visible = bodies.Distinct().ToArray();
        restricted = true;
    }

    public bool CanSee(Guid enteId) => !restricted || visible!.Contains(enteId);
}

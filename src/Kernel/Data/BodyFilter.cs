using System.Linq.Expressions;

namespace PenToscana.Kernel.Data;

/// <summary>Builds the default query filter <c>row => VisibleBodies == null || VisibleBodies.Contains(row.EnteId)</c>.</summary>
internal static class BodyFilter
{
    public static LambdaExpression For(Type entityType, ModuleDb db)
    {
        var row = Expression.Parameter(entityType, "row");
        var context = Expression.Constant(db);
        var bodies = Expression.Property(context, typeof(ModuleDb).GetProperty("VisibleBodies",
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!);
        var enteId = Expression.Property(row, nameof(IEnteScoped.EnteId));
        var contains = Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], bodies, enteId);
        var body = Expression.OrElse(Expression.Equal(bodies, Expression.Constant(null, bodies.Type)), contains);
        return Expression.Lambda(body, row);
    }
}

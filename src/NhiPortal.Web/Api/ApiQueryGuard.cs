namespace NhiPortal.Web.Api;

/// <summary>
/// Refuses query parameters an endpoint does not take, so a misspelt filter ("enviroment") is an error rather than a
/// silently unfiltered list.
/// </summary>
public static class ApiQueryGuard
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var known = context.MethodInfo.GetParameters().Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return invocation =>
        {
            foreach (var key in invocation.HttpContext.Request.Query.Keys)
            {
                if (!known.Contains(key))
                {
                    throw new ApiInputException(key, $"Unknown query parameter \"{key}\".");
                }
            }
            return next(invocation);
        };
    }
}

using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace MspasTramite.Web.Tests.TestKit;

/// A parameter of a route template ("{id:guid}"), with its constraints as written.
public sealed record RouteParameter(string Name, IReadOnlyList<string> Constraints)
{
    public bool IsGuid => Constraints.Contains("guid");

    public bool IsInt => Constraints.Contains("int");
}

/// One Razor page as the running app routes and binds it: who may open it, what its address holds,
/// what its handlers read from the query string (or a form) by name, and the data type each bound
/// property is marked with ([DataType]), by the name a form posts it under.
public sealed record CataloguedPage(
    string ViewPath,
    RoutePattern Route,
    bool Anonymous,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<RouteParameter> RouteParameters,
    IReadOnlyList<string> GetParameters,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PostParameters,
    IReadOnlyDictionary<string, string?> DataTypes)
{
    /// The address with the route values given (each already a path segment's text).
    public string Path(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var segments = Route.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(values[parameter.Name]),
            _ => throw new NotSupportedException(part.GetType().Name),
        })));
        return "/" + string.Join('/', segments);
    }

    /// Whether a path (no query) is this page's, checking literal segments and the guid and int constraints.
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != Route.PathSegments.Count)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var segment = Route.PathSegments[i];
            if (segment.Parts is [RoutePatternLiteralPart literal])
            {
                if (!string.Equals(literal.Content, Uri.UnescapeDataString(parts[i]), StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
            else if (segment.Parts is [RoutePatternParameterPart parameter])
            {
                var constraints = RouteParameters.Single(p => p.Name == parameter.Name);
                if ((constraints.IsGuid && !Guid.TryParse(parts[i], out _)) || (constraints.IsInt && !int.TryParse(parts[i], out _)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// Every Razor page of the app, read from its endpoints and compiled page descriptors (route template,
/// handler parameters, bound properties, authorization), so that a test visiting "every page" also
/// visits the pages and parameters added after it was written.
public static class PageCatalogue
{
    public static async Task<IReadOnlyList<CataloguedPage>> ReadAsync(MspasAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var loader = services.GetRequiredService<PageLoader>();
        var metadata = services.GetRequiredService<IModelMetadataProvider>();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var pages = new List<CataloguedPage>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var endpointMetadata = compiled.EndpointMetadata;
            var anonymous = endpointMetadata.OfType<IAllowAnonymous>().Any();
            var roles = anonymous ? null : await RolesAsync(policies, endpointMetadata.OfType<IAuthorizeData>());
            var route = endpoint.RoutePattern;
            var routeParameters = route.Parameters
                .Select(p => new RouteParameter(p.Name, [.. p.ParameterPolicies.Select(c => c.Content ?? "")]))
                .ToList();
            var routeNames = routeParameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var get = new List<string>();
            var post = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var handler in compiled.HandlerMethods)
            {
                var names = handler.Parameters
                    .Where(p => p.BindingInfo?.BindingSource != BindingSource.Path && p.BindingInfo?.BindingSource != BindingSource.Services)
                    .SelectMany(p => Names(metadata, p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType))
                    .Where(n => !routeNames.Contains(n))
                    .ToList();
                if (handler.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase))
                {
                    get.AddRange(names);
                }
                else
                {
                    post[handler.Name ?? ""] = names;
                }
            }

            var dataTypes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>())
            {
                var name = property.BindingInfo?.BinderModelName ?? property.Name;
                var model = metadata.GetMetadataForProperty(property.Property.DeclaringType!, property.Property.Name);
                AddDataTypes(dataTypes, name, model, depth: 0);

                var bind = property.Property.GetCustomAttribute<BindPropertyAttribute>() ?? compiled.HandlerTypeInfo.GetCustomAttribute<BindPropertiesAttribute>() as object;
                var supportsGet = bind switch
                {
                    BindPropertyAttribute b => b.SupportsGet,
                    BindPropertiesAttribute b => b.SupportsGet,
                    _ => false,
                };
                if (supportsGet)
                {
                    get.AddRange(Names(metadata, property.BindingInfo?.BinderModelName ?? property.Name, property.ParameterType).Where(n => !routeNames.Contains(n)));
                }
            }

            pages.Add(new CataloguedPage(descriptor.ViewEnginePath, route, anonymous, roles, routeParameters,
                [.. get.Distinct(StringComparer.OrdinalIgnoreCase)], post, dataTypes));
        }

        Assert.NotEmpty(pages);
        return [.. pages.OrderBy(p => p.Route.RawText, StringComparer.Ordinal)];
    }

    /// The data type of each property a form posts, by its name with list indexes left out
    /// ("Input.Requirements.Description" for "Input.Requirements[0].Description"), down a few levels.
    private static void AddDataTypes(Dictionary<string, string?> dataTypes, string name, ModelMetadata model, int depth)
    {
        dataTypes[name] = model.DataTypeName;
        if (depth > 3)
        {
            return;
        }

        if (model.IsEnumerableType && model.ElementMetadata is { } element && element.ModelType != typeof(string))
        {
            AddDataTypes(dataTypes, name, element, depth + 1);
            return;
        }

        foreach (var inner in model.IsComplexType && !model.IsEnumerableType ? model.Properties : Enumerable.Empty<ModelMetadata>())
        {
            AddDataTypes(dataTypes, $"{name}.{inner.PropertyName}", inner, depth + 1);
        }
    }

    /// The names a value is read under: a simple one's own; a complex one's properties, with its
    /// name as prefix and without (model binding falls back to no prefix for a top-level model).
    private static IEnumerable<string> Names(IModelMetadataProvider metadata, string name, Type type)
    {
        var model = metadata.GetMetadataForType(type);
        if (!model.IsComplexType || model.IsEnumerableType)
        {
            return [name];
        }

        return model.Properties.Where(p => !p.IsReadOnly || p.IsComplexType)
            .SelectMany(p => (string[])[$"{name}.{p.PropertyName}", p.PropertyName!]);
    }

    /// The roles allowed by every policy that applies; null when any signed-in person is.
    private static async Task<IReadOnlyList<string>?> RolesAsync(IAuthorizationPolicyProvider policies, IEnumerable<IAuthorizeData> authorize)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, authorize) ?? await policies.GetFallbackPolicyAsync();
        IEnumerable<string>? allowed = null;
        foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
        {
            allowed = allowed is null ? requirement.AllowedRoles : allowed.Intersect(requirement.AllowedRoles);
        }

        return allowed?.ToList();
    }
}

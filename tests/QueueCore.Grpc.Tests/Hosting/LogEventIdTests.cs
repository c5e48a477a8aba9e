extern alias server;

using System.Reflection;
using Microsoft.Extensions.Logging;
using server::QueueCore.Grpc.Services;

namespace QueueCore.Grpc.Tests.Hosting;

/// <summary>An operator who filters the server's log by event id gets one kind of event per id, engine's or server's.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void EventIds_EngineAndServer_EachIdNamesOneEvent()
    {
        var events = new[] { typeof(QueueEngine).Assembly, typeof(DisplayService).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        Assert.True(events.Count > 40, $"only {events.Count} log events found");
        var shared = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}");
        Assert.Empty(shared);
    }
}

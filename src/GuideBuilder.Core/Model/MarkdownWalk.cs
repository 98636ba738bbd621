using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model;

/// <summary>
/// The inlines under a container, in the order and by the links Markdig's <c>ContainerInline.Descendants()</c>
/// uses (each container's children from <c>LastChild</c> back, visited first to last; a container's
/// children are taken when the walk moves past it), without its iterator and two stacks per call:
/// the stack is reused per thread. Use in <c>foreach</c>; do not change the tree's shape while walking.
/// </summary>
internal ref struct InlineWalk
{
    [ThreadStatic] private static Stack<Stack<Inline>>? _free;

    private readonly Stack<Inline> _stack;
    private Inline? _current;

    public InlineWalk(ContainerInline root)
    {
        _stack = Rent();
        PushChildren(root);
    }

    public readonly InlineWalk GetEnumerator() => this;

    public readonly Inline Current => _current!;

    public bool MoveNext()
    {
        if (_current is ContainerInline c) PushChildren(c);
        if (_stack.Count == 0)
        {
            _current = null;
            return false;
        }
        _current = _stack.Pop();
        return true;
    }

    public readonly void Dispose()
    {
        _stack.Clear();
        (_free ??= new Stack<Stack<Inline>>()).Push(_stack);
    }

    private readonly void PushChildren(ContainerInline container)
    {
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling) _stack.Push(child);
    }

    private static Stack<Inline> Rent() => _free is { Count: > 0 } free ? free.Pop() : new Stack<Inline>();
}

/// <summary>Walks of a Markdig syntax tree that Markdig's own <c>Descendants()</c> does not give.</summary>
public static class MarkdownNodes
{
    /// <summary>
    /// Every block and inline under <paramref name="root"/> (itself first), in document order, blocks and inlines
    /// alike in one walk (<c>Descendants()</c> gives one kind at a time).
    /// </summary>
    public static IEnumerable<Markdig.Syntax.MarkdownObject> All(Markdig.Syntax.MarkdownObject root)
    {
        var stack = new Stack<Markdig.Syntax.MarkdownObject>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case Markdig.Syntax.ContainerBlock c:
                    for (var i = c.Count - 1; i >= 0; i--) stack.Push(c[i]);
                    break;
                case Markdig.Syntax.LeafBlock { Inline: { } inline }:
                    stack.Push(inline);
                    break;
                case ContainerInline ci:
                    for (var ch = ci.LastChild; ch is not null; ch = ch.PreviousSibling) stack.Push(ch);
                    break;
            }
        }
    }
}

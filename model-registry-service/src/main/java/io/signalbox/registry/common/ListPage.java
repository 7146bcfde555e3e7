package io.signalbox.registry.common;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * The envelope of every list answer: {@code {"items": [...], "page", "size", "total"}}. An object
 * rather than a bare array, so fields can be added without breaking clients.
 */
public record ListPage<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 100;

    public static final int MAX_SIZE = 500;

    public ListPage {
        items = List.copyOf(items);
    }

    /**
     * Checks the paging parameters of a list request.
     *
     * @throws ValidationFailedException when {@code page} is negative or {@code size} is out of range
     */
    public static PageRequest request(int page, int size, Sort sort) {
        Violations violations = new Violations();
        if (page < 0) {
            violations.add("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add("size", "must be between 1 and " + MAX_SIZE);
        }
        violations.throwIfAny();
        return PageRequest.of(page, size, sort);
    }

    public static <E, T> ListPage<T> of(Page<E> page, Function<E, T> mapper) {
        return new ListPage<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }
}

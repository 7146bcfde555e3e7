package io.signalbox.registry.common;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.Expression;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jpa.domain.Specification;

/**
 * The list filters of the admin API as one JPA specification. Each filter is optional: a missing
 * query parameter adds no condition, so a list without parameters answers everything.
 */
public final class Filters<T> {

    private final List<Specification<T>> conditions = new ArrayList<>();

    /** Only rows whose attribute equals the value. */
    public Filters<T> equal(String attribute, @Nullable Object value) {
        if (value != null) {
            conditions.add((root, query, cb) -> cb.equal(root.get(attribute), value));
        }
        return this;
    }

    /** Only rows whose attribute is at or after the instant. */
    public Filters<T> atLeast(String attribute, @Nullable Instant from) {
        if (from != null) {
            conditions.add((root, query, cb) -> cb.greaterThanOrEqualTo(root.get(attribute), from));
        }
        return this;
    }

    /** Only rows whose attribute is before the instant. */
    public Filters<T> before(String attribute, @Nullable Instant to) {
        if (to != null) {
            conditions.add((root, query, cb) -> cb.lessThan(root.get(attribute), to));
        }
        return this;
    }

    /** Only rows whose attribute contains the text, ignoring case ({@code ?q=}). */
    public Filters<T> contains(String attribute, @Nullable String text) {
        if (text != null && !text.isBlank()) {
            String pattern = "%" + escapeLike(text.strip().toLowerCase(Locale.ROOT)) + "%";
            conditions.add((root, query, cb) -> cb.like(cb.lower(root.get(attribute)), pattern, '\\'));
        }
        return this;
    }

    /** Only rows whose collection attribute (a PostgreSQL array) has the element. */
    public Filters<T> has(String attribute, @Nullable String element) {
        if (element != null) {
            conditions.add((root, query, cb) -> {
                Expression<Collection<String>> collection = root.get(attribute);
                return ((HibernateCriteriaBuilder) cb).collectionContains(collection, element);
            });
        }
        return this;
    }

    public Specification<T> toSpecification() {
        return conditions.isEmpty() ? Specification.unrestricted() : Specification.allOf(conditions);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

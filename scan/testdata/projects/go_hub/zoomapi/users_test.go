package zoomapi

import (
	"context"
	"testing"
)

func TestMe(t *testing.T) {
	c := New()
	_ = c.get(context.Background(), "/users/summary", nil)
}
